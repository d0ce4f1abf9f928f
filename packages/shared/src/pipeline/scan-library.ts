// Finds the books in BOOKS_DIR: supported files only, identified by the SHA-256 of their
// content (so a renamed file is recognised), refusing anything that leads outside the folder.
import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { sha256File } from "../index/generation/durable-fs.js";
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

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** A file found in the folder, or a name the scan refuses (reported, never parsed). */
type Found = { path: string; badName?: string };

function* walk(dir: string): Generator<Found> {
  // Names are read as bytes: a name that is not UTF-8 would come back as a string with U+FFFD
  // in it, a path that does not exist, and an "ENOENT" report that tells the operator nothing.
  const entries = readdirSync(dir, { withFileTypes: true, encoding: "buffer" }).map((entry) => {
    let name: string | undefined;
    try {
      name = strictUtf8.decode(entry.name);
    } catch {
      name = undefined;
    }
    return { entry, name, shown: name ?? entry.name.toString("utf8") };
  });
  for (const { entry, name, shown } of entries.sort((a, b) => a.shown.localeCompare(b.shown))) {
    const path = join(dir, shown);
    if (name === undefined) {
      yield { path, badName: "имя не в кодировке UTF-8" };
      continue;
    }
    if (name.startsWith(".")) {
      // .gitkeep, editor swap files and hidden folders stay silent; a hidden *book* (".book.pdf",
      // "..book.epub") is reported, so no book disappears from the report without a word.
      if (!entry.isDirectory() && detectBookFormat(name))
        yield { path, badName: "скрытый файл (имя начинается с точки)" };
      continue;
    }
    if (entry.isDirectory()) yield* walk(path);
    else yield { path };
  }
}

export async function scanLibrary(folder: string): Promise<ScanResult> {
  const root = realpathSync(resolve(folder));
  const files: LibraryFile[] = [];
  const rejected: BookLoadError[] = [];
  for (const { path, badName } of walk(root)) {
    const file = relative(root, path).split(sep).join("/");
    if (badName) {
      rejected.push(new BookLoadError("bad_name", file, badName));
      continue;
    }
    try {
      if (lstatSync(path).isSymbolicLink()) {
        const target = realpathSync(path);
        if (target !== root && !target.startsWith(root + sep)) {
          rejected.push(
            new BookLoadError("unsafe_path", file, `символическая ссылка ведёт за пределы каталога книг, в ${target}`),
          );
          continue;
        }
      }
      const stat = statSync(path);
      if (!stat.isFile()) continue;
      const format = detectBookFormat(path);
      if (!format) {
        rejected.push(new BookLoadError("unsupported", file, "неизвестное расширение файла"));
        continue;
      }
      if (stat.size === 0) {
        rejected.push(new BookLoadError("empty", file, "0 bytes"));
        continue;
      }
      files.push({ file, absPath: path, bytes: stat.size, bookId: await sha256File(path), format });
    } catch (error) {
      rejected.push(new BookLoadError("corrupt", file, `файл не читается: ${(error as Error).message}`));
    }
  }
  return { files, rejected };
}
