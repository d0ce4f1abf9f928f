// Resolves a book path inside the books folder, refusing escapes (.., absolute paths, symlinks
// that point outside) before any parser sees the file.
import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { BookLoadError } from "./types.js";

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/** The real absolute path of `bookPath` (relative to `booksDir`, or absolute), if it stays inside. */
export async function resolveBookPath(booksDir: string, bookPath: string): Promise<string> {
  const root = await realpath(booksDir);
  const requested = resolve(root, bookPath);
  if (!isInside(root, requested)) {
    throw new BookLoadError("unsafe_path", bookPath, `путь ведёт за пределы ${booksDir}`);
  }
  const real = await realpath(requested);
  if (!isInside(root, real)) {
    throw new BookLoadError("unsafe_path", bookPath, `символическая ссылка ведёт за пределы ${booksDir} (в ${real})`);
  }
  return real;
}
