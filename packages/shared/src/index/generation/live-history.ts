// INDEX_DIR/live-history: the generations LIVE has pointed at, oldest first, one line each
// ("<ISO time> <id>"). A manifest's previousId says what was live when the generation was
// built; after `rollback --to` that is no longer what was live before it. A plain rollback
// walks this file backwards instead, like `cd -`. LIVE stays the only truth about what is
// served: a missing or stale history only changes the order in which rollback tries candidates.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { replaceFileAtomically } from "./durable-fs.js";

export const LIVE_HISTORY_FILE = "live-history";
/** Far more switches than generations are ever kept: older lines name deleted generations. */
const KEPT_ENTRIES = 200;

export interface LiveSwitch {
  /** ISO time of the switch; "-" when unknown (the generation that was live when the history began). */
  at: string;
  id: string;
}

export function readLiveHistory(indexDir: string): LiveSwitch[] {
  const path = join(indexDir, LIVE_HISTORY_FILE);
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((fields): fields is [string, string] => fields.length === 2 && fields[1] !== "")
    .map(([at, id]) => ({ at, id }));
}

/**
 * Appends the switch `from` → `to`. Called after LIVE was replaced, so a crash in between loses
 * a line, never records a switch that did not happen. The first switch of an older installation
 * also records `from`, so that its first plain rollback can already go back.
 */
export function recordLiveSwitch(indexDir: string, from: string | undefined, to: string, now = new Date()): void {
  const entries = readLiveHistory(indexDir);
  if (entries.length === 0 && from !== undefined && from !== to) entries.push({ at: "-", id: from });
  if (entries.at(-1)?.id !== to) entries.push({ at: now.toISOString(), id: to });
  const lines = entries.slice(-KEPT_ENTRIES).map((entry) => `${entry.at} ${entry.id}\n`);
  replaceFileAtomically(join(indexDir, LIVE_HISTORY_FILE), lines.join(""));
}

/** Generations that were live before `live`, most recent first, each once; `live` itself left out. */
export function previouslyLive(indexDir: string, live: string | undefined): string[] {
  const ids = readLiveHistory(indexDir)
    .map((entry) => entry.id)
    .reverse();
  return [...new Set(ids)].filter((id) => id !== live);
}
