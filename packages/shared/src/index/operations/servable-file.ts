// Which file of INDEX_DIR another host may download: only manifest.json and the files a complete
// generation's manifest lists, by plain names, as regular files really inside generations/<id>
// (no "..", no symlink out, nothing from temp folders, LIVE's neighbours or the caches).
import { lstatSync, readdirSync, realpathSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import type { IndexStore } from "../generation/index-store.js";
import { MANIFEST_FILE, readManifest } from "../generation/manifest.js";
import { isPlainEntryName } from "./verify-backup.js";

export interface ServableFile {
  path: string;
  bytes: number;
}

/** The generation's file, or undefined for anything that may not be served (the caller answers 404). */
export function servableFile(store: IndexStore, id: string, name: string): ServableFile | undefined {
  if (!isPlainEntryName(id) || !isPlainEntryName(name)) return undefined;
  const generationDir = store.generationDir(id);
  const generationsDir = dirname(generationDir);
  // Listed, not just joined: the id names an entry of generations/ itself.
  if (!readdirSync(generationsDir).includes(id)) return undefined;
  if (!lstatSync(generationDir).isDirectory()) return undefined;
  const read = readManifest(generationDir);
  if (!read.ok) return undefined;
  if (name !== MANIFEST_FILE && !Object.hasOwn(read.manifest.files, name)) return undefined;
  const path = join(generationDir, name);
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) return undefined;
  if (!realpathSync(path).startsWith(realpathSync(generationsDir) + sep)) return undefined;
  return { path, bytes: stat.size };
}
