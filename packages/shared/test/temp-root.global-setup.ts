// One temporary root for the whole test run, removed at the end. Test files and the child
// processes they start make their scratch directories with os.tmpdir(), which follows TMPDIR;
// pointing it here means a run leaves nothing behind in /tmp (it used to leave hundreds of
// index, log and cache directories after every run).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "ai-library-shared-tests-"));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
