// Writes the generated attacks of issue #9 item 6 into a books folder, each with the outcome the
// ingest must report for it. Attacks that point outside the folder get their targets in a
// sibling folder (`outside`) that holds canary text, so a test can prove none of it was read.
import { randomBytes } from "node:crypto";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { type RawZipEntry, writeManyPagesPdf, writeRawZip, writeZipBombEpub } from "@ai-library/book-fixtures";
import type { BookErrorKind } from "@ai-library/shared/loaders";

/** What the per-book report must say: indexed, a duplicate, or failed with this kind. */
export type ExpectedOutcome = "indexed" | "duplicate" | BookErrorKind;

export interface HostileBook {
  /** Name in the report (path relative to the books folder). */
  file: string;
  expected: ExpectedOutcome;
  what: string;
}

export interface HostileLibrary {
  books: HostileBook[];
  /** Text placed only outside the books folder: must never reach the index. */
  outsideCanary: string;
  /** Where a zip-slip entry would land if anything extracted it: must never exist. */
  zipSlipTargets: string[];
}

const MB = 1024 * 1024;

const prose = (topic: string) =>
  Array.from(
    { length: 12 },
    (_, i) => `Paragraph ${i + 1} about ${topic}: the keeper of the lighthouse wrote down every ship that passed.`,
  ).join("\n\n");

function deflated(name: string, text: string): RawZipEntry {
  const data = Buffer.from(text, "utf8");
  return { name, method: 8, chunks: [deflateRawSync(data)], crc32: crc32(data), declaredSize: data.length };
}

/** An EPUB whose zip entries and package items climb out with `../`, next to one honest chapter. */
async function writeZipSlipEpub(path: string, canaryPath: string): Promise<string[]> {
  const mimetype = Buffer.from("application/epub+zip");
  const climb = "../".repeat(12);
  const slipNames = ["../../zip-slip-escape.xhtml", `${climb}${canaryPath.replace(/^\//, "")}`];
  const chapter = (text: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>c</title></head><body><p>${text}</p></body></html>`;
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">zip-slip</dc:identifier><dc:title>Zip slip</dc:title><dc:language>en</dc:language></metadata>
  <manifest>
    <item id="c1" href="chapter.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="../../zip-slip-escape.xhtml" media-type="application/xhtml+xml"/>
    <item id="c3" href="${climb}etc/passwd" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="c1"/><itemref idref="c2"/><itemref idref="c3"/></spine>
</package>`;
  await writeRawZip(path, [
    { name: "mimetype", method: 0, chunks: [mimetype], crc32: crc32(mimetype), declaredSize: mimetype.length },
    deflated(
      "META-INF/container.xml",
      `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`,
    ),
    deflated("OEBPS/content.opf", opf),
    deflated("OEBPS/chapter.xhtml", chapter(prose("the honest chapter of a zip-slip book"))),
    ...slipNames.map((name) => deflated(name, chapter("ZIP SLIP ESCAPED"))),
  ]);
  return slipNames;
}

/**
 * Writes every attack into `booksDir` (created if missing) and the targets they point at into
 * `outsideDir`. The EPUB bombs unpack to `bombBytes` (default 400 MB, over the 300 MB default cap).
 */
export async function writeHostileBooks(
  booksDir: string,
  outsideDir: string,
  options: { bombBytes?: number } = {},
): Promise<HostileLibrary> {
  mkdirSync(booksDir, { recursive: true });
  mkdirSync(outsideDir, { recursive: true });
  const dir = join(booksDir, "hostile");
  mkdirSync(dir, { recursive: true });
  const books: HostileBook[] = [];
  const add = (name: string, expected: ExpectedOutcome, what: string) =>
    books.push({ file: `hostile/${name}`, expected, what });

  const bombBytes = options.bombBytes ?? 400 * MB;
  await writeZipBombEpub(join(dir, "zip-bomb.epub"), bombBytes);
  add("zip-bomb.epub", "too_large", `EPUB that unpacks to ${bombBytes / MB} MB and says so`);
  await writeZipBombEpub(join(dir, "zip-bomb-lying.epub"), bombBytes, { lieAboutSize: true });
  add("zip-bomb-lying.epub", "too_large", `EPUB that unpacks to ${bombBytes / MB} MB but declares 1000 bytes`);
  // A lie that passes the header checks (declared ≥ compressed, total under the cap): only the
  // inflate limit (never beyond the declared size) can stop this one.
  await writeZipBombEpub(join(dir, "zip-bomb-plausible-lie.epub"), bombBytes, { declaredSize: 2 * MB });
  add("zip-bomb-plausible-lie.epub", "too_large", `EPUB that unpacks to ${bombBytes / MB} MB but declares 2 MB`);

  await writeManyPagesPdf(join(dir, "100k-empty-pages.pdf"), 100_000);
  add("100k-empty-pages.pdf", "too_large", "PDF with 100 000 empty pages (over the 20 000-page cap)");

  writeFileSync(join(dir, "zero-bytes.epub"), "");
  add("zero-bytes.epub", "empty", "0-byte EPUB");
  writeFileSync(join(dir, "zero-bytes.pdf"), "");
  add("zero-bytes.pdf", "empty", "0-byte PDF");

  const canaryId = randomBytes(6).toString("hex");
  const zipSlipCanary = join(outsideDir, `zip-slip-canary-${canaryId}.txt`);
  const slipNames = await writeZipSlipEpub(join(dir, "zip-slip.epub"), zipSlipCanary);
  add("zip-slip.epub", "indexed", "EPUB with `../` zip entries and package items pointing at ../../ and /etc/passwd");

  writeFileSync(join(dir, "..leading-dots.txt"), prose("a book whose file name starts with two dots"));
  add("..leading-dots.txt", "bad_name", "book whose name starts with `..` (a hidden file)");

  const outsideCanary = `OUTSIDE-CANARY-${canaryId}`;
  const outsideBook = join(outsideDir, "outside-book.txt");
  writeFileSync(outsideBook, `${prose("a book that lives outside the library")}\n\n${outsideCanary}`);
  symlinkSync(outsideBook, join(dir, "symlink-absolute-outside.txt"));
  add("symlink-absolute-outside.txt", "unsafe_path", "symlink to a book outside BOOKS_DIR (absolute target)");
  symlinkSync("../../outside/outside-book.txt", join(dir, "symlink-relative-outside.txt"));
  add("symlink-relative-outside.txt", "unsafe_path", "symlink to a book outside BOOKS_DIR (relative ../../ target)");
  symlinkSync("/etc/passwd", join(dir, "symlink-etc-passwd.txt"));
  add("symlink-etc-passwd.txt", "unsafe_path", "symlink to /etc/passwd");
  symlinkSync(outsideDir, join(dir, "symlink-outside-folder"));
  add("symlink-outside-folder", "unsafe_path", "symlink to a folder outside BOOKS_DIR");
  symlinkSync(join(dir, "no-such-book.txt"), join(dir, "symlink-dangling.txt"));
  add("symlink-dangling.txt", "corrupt", "symlink to a file that does not exist");

  writeFileSync(join(dir, "inside-target.txt"), prose("a book reached through a symlink inside the library"));
  add("inside-target.txt", "indexed", "ordinary book, target of the inside symlink");
  symlinkSync("inside-target.txt", join(dir, "symlink-inside.txt"));
  add("symlink-inside.txt", "duplicate", "symlink to a book inside BOOKS_DIR (allowed, same content)");

  // Bytes 0xFF 0xFE are never valid UTF-8: Node reads this name back with U+FFFD in it.
  const badName = Buffer.concat([Buffer.from(`${dir}/not-utf8-`), Buffer.from([0xff, 0xfe]), Buffer.from(".txt")]);
  writeFileSync(badName, prose("a book whose file name is not UTF-8"));
  add("not-utf8-\uFFFD\uFFFD.txt", "bad_name", "file name with an invalid UTF-8 byte sequence");

  return {
    books,
    outsideCanary,
    zipSlipTargets: [
      zipSlipCanary,
      ...slipNames.map((name) => join(dir, name)),
      ...slipNames.map((name) => join(booksDir, name)),
    ],
  };
}
