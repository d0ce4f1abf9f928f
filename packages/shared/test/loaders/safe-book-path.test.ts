// Book paths are resolved inside the books folder; escapes by "..", absolute paths or symlinks are refused.
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveBookPath } from "../../src/loaders/safe-book-path.js";
import { useTempDir } from "./temp-dir.js";

const dir = useTempDir("paths");

async function layout() {
  const books = join(dir(), "books");
  await mkdir(join(books, "shelf"), { recursive: true });
  await writeFile(join(books, "shelf", "book.txt"), "текст");
  await writeFile(join(dir(), "secret.txt"), "не книга");
  await symlink(join(dir(), "secret.txt"), join(books, "link-out.txt")).catch(() => undefined);
  await symlink(join(books, "shelf", "book.txt"), join(books, "link-in.txt")).catch(() => undefined);
  return books;
}

describe("resolveBookPath", () => {
  it("returns the real path of a book inside the folder, also through an inner symlink", async () => {
    const books = await layout();
    expect(await resolveBookPath(books, "shelf/book.txt")).toBe(join(books, "shelf", "book.txt"));
    expect(await resolveBookPath(books, "link-in.txt")).toBe(join(books, "shelf", "book.txt"));
  });

  it.each(["../secret.txt", "shelf/../../secret.txt", "link-out.txt"])("refuses %s as unsafe_path", async (path) => {
    const books = await layout();
    await expect(resolveBookPath(books, path)).rejects.toMatchObject({ kind: "unsafe_path" });
  });

  it("refuses an absolute path outside the folder", async () => {
    const books = await layout();
    await expect(resolveBookPath(books, join(dir(), "secret.txt"))).rejects.toMatchObject({ kind: "unsafe_path" });
  });
});
