// Issue 19, item 4: `index backup --to` refuses the kernel's own filesystems before writing
// anything (Node's recursive mkdir never returns under /proc), and names a path that runs
// through a file — each as one message with the folder, the setting and what to do.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeGenerationBackup } from "../../src/index/index.js";
import { BackupError } from "../../src/index/operations/ops-errors.js";
import { tempStore } from "./generation-helpers.js";
import { ASTRONOMY, publishTexts } from "./text-library.js";

describe("where a backup may be written", () => {
  // /proc itself is tested through a child process (apps/cli/test/operator-failures.test.ts): the
  // old recursive mkdir there never returned, and only a process can be killed out of it.
  it.each([
    ["/sys/ai-library-backups", "sysfs"],
    ["/dev/ai-library-backups", "/dev"],
  ])("refuses %s (%s) without creating anything", async (dir, kind) => {
    const store = tempStore();
    await publishTexts(store, [ASTRONOMY]);
    const attempt = writeGenerationBackup(store, { dir, dirSetting: "--to" });
    await expect(attempt).rejects.toBeInstanceOf(BackupError);
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).toContain(`Резервную копию нельзя записать в ${dir}`);
    expect(message).toContain(`файловая система ядра (${kind})`);
    expect(message).toContain("Укажите в --to обычный каталог");
    expect(existsSync(dir)).toBe(false);
  });

  it("names the file a destination runs through", async () => {
    const store = tempStore();
    await publishTexts(store, [ASTRONOMY]);
    const root = mkdtempSync(join(tmpdir(), "backup-dest-"));
    writeFileSync(join(root, "taken"), "a file");
    await expect(writeGenerationBackup(store, { dir: join(root, "taken", "backups") })).rejects.toThrow(
      `${join(root, "taken")} — файл, а не каталог. Укажите в BACKUP_DIR`,
    );
    expect(readdirSync(root)).toEqual(["taken"]);
  });
});
