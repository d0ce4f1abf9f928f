// Finds the books in BOOKS_DIR: supported files only, identified by the SHA-256 of their
// content (so a renamed file is recognised), refusing anything that leads outside the folder.
import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { sha256File } from "../index/durable-fs.js";
import { detectBookFormat } from "../loaders/index.js";
import { type BookFormat, BookLoadError } from "../loaders/types.js";

export interface LibraryFile {
  /** Path relative to the books folder, with forward slashes: the book's name in citations. */
  file: string;
  absPath: string;
  bytes: number;
  bookId: string;
  format: BookFormat;
}

export interface ScanResult {
  files: LibraryFile[];
  rejected: BookLoadError[];
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue; // .gitkeep, editor swap files, hidden folders
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

export async function scanLibrary(folder: string): Promise<ScanResult> {
  const root = realpathSync(resolve(folder));
  const files: LibraryFile[] = [];
  const rejected: BookLoadError[] = [];
  for (const path of walk(root)) {
    const file = relative(root, path).split(sep).join("/");
    try {
      if (lstatSync(path).isSymbolicLink()) {
        const target = realpathSync(path);
        if (target !== root && !target.startsWith(root + sep)) {
          rejected.push(new BookLoadError("unsafe_path", file, `symlink points outside the books folder to ${target}`));
          continue;
        }
      }
      const stat = statSync(path);
      if (!stat.isFile()) continue;
      const format = detectBookFormat(path);
      if (!format) {
        rejected.push(new BookLoadError("unsupported", file, "unknown file extension"));
        continue;
      }
      if (stat.size === 0) {
        rejected.push(new BookLoadError("empty", file, "0 bytes"));
        continue;
      }
      files.push({ file, absPath: path, bytes: stat.size, bookId: await sha256File(path), format });
    } catch (error) {
      rejected.push(new BookLoadError("corrupt", file, `cannot read the file: ${(error as Error).message}`));
    }
  }
  return { files, rejected };
}
