// The fixture writers produce files that are what they claim: checked at the byte level here,
// without the project's loaders (those are tested against these files in @ai-library/shared).
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeEpubBook, writeFb2Book, writeManyPagesPdf, writePdfBook, writeZipBombEpub } from "../src/index.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ai-library-fixtures-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Entries of a zip's central directory: name, method, declared sizes, local header offset. */
function centralDirectory(zip: Buffer) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i += 1) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      name: zip.toString("utf8", offset + 46, offset + 46 + nameLength),
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      localOffset: zip.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe("writeEpubBook", () => {
  it("puts an uncompressed mimetype without extra field first, then container, package, nav, NCX, chapters", async () => {
    const path = join(dir, "book.epub");
    const chapters = [
      { title: "Первая", text: "Раз." },
      { title: "Вторая", text: "Два." },
    ];
    await writeEpubBook({ path, title: "Книга", author: "Автор", language: "ru", chapters });
    const zip = await readFile(path);
    expect(zip.toString("latin1", 30, 38)).toBe("mimetype");
    expect(zip.readUInt16LE(8)).toBe(0); // stored
    expect(zip.readUInt16LE(28)).toBe(0); // no extra field
    expect(zip.toString("latin1", 38, 58)).toBe("application/epub+zip");
    const names = centralDirectory(zip).map((entry) => entry.name);
    expect(names).toEqual([
      "mimetype",
      "META-INF/container.xml",
      "OEBPS/content.opf",
      "OEBPS/nav.xhtml",
      "OEBPS/toc.ncx",
      "OEBPS/chapter-001.xhtml",
      "OEBPS/chapter-002.xhtml",
    ]);
  });
});

describe("writeFb2Book", () => {
  it("encodes windows-1251 with a matching declaration and character references for what it cannot encode", async () => {
    const path = join(dir, "book.fb2");
    await writeFb2Book({
      path,
      title: "Книга",
      author: "Лев Толстой",
      encoding: "windows-1251",
      sections: [{ title: "Глава", text: "Ёлка → дом" }],
    });
    const bytes = await readFile(path);
    expect(bytes.toString("latin1", 0, 45)).toBe('<?xml version="1.0" encoding="windows-1251"?>');
    const xml = iconv.decode(bytes, "win1251");
    expect(xml).toContain("<p>Ёлка &#x2192; дом</p>");
    expect(xml).toContain("<first-name>Лев</first-name><last-name>Толстой</last-name>");
  });
});

describe("writePdfBook and writeManyPagesPdf", () => {
  it("writes one PDF page per input page", async () => {
    const path = join(dir, "book.pdf");
    await writePdfBook({ path, title: "Книга", pages: ["Один", "Два", "Три"] });
    const pdf = (await readFile(path)).toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(3);
  });

  it("writes a minimal PDF with any number of pages cheaply", async () => {
    const path = join(dir, "many.pdf");
    await writeManyPagesPdf(path, 5000);
    const pdf = (await readFile(path)).toString("latin1");
    expect(pdf).toContain("/Count 5000");
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(5000);
    const xrefOffset = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    expect(pdf.slice(xrefOffset, xrefOffset + 4)).toBe("xref");
  });
});

describe("writeZipBombEpub", () => {
  it("declares the full size and really inflates to it from a small file", async () => {
    const path = join(dir, "bomb.epub");
    const size = 32 * 1024 * 1024 + 123;
    await writeZipBombEpub(path, size);
    const zip = await readFile(path);
    const bomb = centralDirectory(zip).find((entry) => entry.name.endsWith(".xhtml"));
    expect(bomb?.size).toBe(size);
    expect(zip.length).toBeLessThan(size / 500);
    const start = (bomb?.localOffset ?? 0) + 30 + zip.readUInt16LE((bomb?.localOffset ?? 0) + 26);
    const inflated = inflateRawSync(zip.subarray(start, start + (bomb?.compressedSize ?? 0)));
    expect(inflated.length).toBe(size);
  });

  it("can understate the size in its headers", async () => {
    const path = join(dir, "lying-bomb.epub");
    await writeZipBombEpub(path, 8 * 1024 * 1024, { lieAboutSize: true });
    const bomb = centralDirectory(await readFile(path)).find((entry) => entry.name.endsWith(".xhtml"));
    expect(bomb?.size).toBe(1000);
    expect(bomb?.compressedSize).toBeGreaterThan(1000);
  });
});
