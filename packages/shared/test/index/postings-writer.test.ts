// How keywords.bin is written: a library larger than one in-memory run spills runs to disk and
// merges them, which must give the very bytes a single pass over the same rows gives. Rows out
// of label order and a damaged file are refused, the file named.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { keywordTerms } from "../../src/index/index.js";
import { bookPostings } from "../../src/index/keyword/book-postings.js";
import { openPostingsIndex } from "../../src/index/keyword/postings-index.js";
import { createPostingsWriter } from "../../src/index/keyword/postings-writer.js";

const root = mkdtempSync(join(tmpdir(), "postings-writer-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const WORDS = ["маяк", "смотритель", "лампа", "lighthouse", "keeper", "storm", "harbour", "пчела", "липа", "мёд"];
/** Chunk `n` of a small library: a few words, some repeated, and its own number. */
function chunk(n: number) {
  const words = Array.from({ length: 3 + (n % 7) }, (_, at) => WORDS[(n * 3 + at * at) % WORDS.length] as string);
  return { text: `${words.join(" ")} ${n}`, chapter: `Глава ${n % 4}` };
}

/** Books of 100 chunks with consecutive labels, as a generation holds them. */
const BOOK = 100;

let made = 0;
function write(labels: number[], options: { runEntries?: number } = {}) {
  const dir = mkdtempSync(join(root, "run-"));
  const writer = createPostingsWriter({
    runDir: dir,
    ...(options.runEntries ? { runEntries: options.runEntries } : {}),
  });
  for (let at = 0; at < labels.length; at += BOOK) {
    const book = labels.slice(at, at + BOOK);
    writer.addBook(book[0] as number, bookPostings("Маяки", book.map(chunk)));
  }
  const path = join(root, `keywords-${made++}.bin`);
  writer.finish(path);
  expect(readdirSync(dir)).toEqual([]);
  return path;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, at) => from + at);

describe("keywords.bin writer", () => {
  it("spills runs past its memory budget and merges them into the same bytes as one pass", () => {
    const labels = range(0, 3000);
    const single = write(labels);
    const spilled = write(labels, { runEntries: 500 });
    expect(readFileSync(spilled).equals(readFileSync(single))).toBe(true);
    const index = openPostingsIndex(spilled);
    expect(index.chunkCount).toBe(3000);
    expect(index.search(keywordTerms("1234"), 5).map((hit) => hit.label)).toEqual([1234]);
    index.close();
  });

  it("refuses rows that go back in label order, and a file that is not a keyword index", () => {
    const writer = createPostingsWriter({ runDir: mkdtempSync(join(root, "order-")) });
    writer.addBook(500, bookPostings("a", [chunk(1), chunk(2)]));
    writer.addBook(300, bookPostings("b", [chunk(3)]));
    expect(() => writer.finish(join(root, "bad.bin"))).toThrow(/label order: 300 after 501/);
    const junk = join(root, "junk.bin");
    writeFileSync(junk, "not an index at all, just some bytes written over it..............");
    expect(() => openPostingsIndex(junk)).toThrow(/junk\.bin: не файл индекса ключевых слов/);
    const cut = join(root, "cut.bin");
    writeFileSync(cut, readFileSync(write(range(0, 50))).subarray(0, 200));
    expect(() => openPostingsIndex(cut)).toThrow(/короче, чем сказано в его заголовке/);
  });
});
