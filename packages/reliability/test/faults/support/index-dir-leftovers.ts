// What a crashed or failed publish may leave in INDEX_DIR: half-built `.tmp-*` generations, the
// publish lock, stray temp files of an atomic replace. None may survive a completed run.
import { readdirSync } from "node:fs";

export function indexDirLeftovers(indexDir: string): string[] {
  return readdirSync(indexDir).filter(
    (name) => name.startsWith(".tmp-") || name === "publish.lock" || name.endsWith(".tmp"),
  );
}
