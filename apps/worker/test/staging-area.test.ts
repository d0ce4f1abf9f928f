// Staged books on a real disk: what a book job writes, the run job reads back exactly; an
// incomplete or foreign file is never taken for a prepared book.
import { mkdtempSync, rmSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bookPostings } from "@ai-library/shared/index";
import type { PreparedBook } from "@ai-library/shared/pipeline";
import { afterEach, describe, expect, it } from "vitest";
import { openStagingArea } from "../src/staging/staging-area.js";

const dims = 8;
const embedder = { identity: { provider: "local" as const, model: "test-model", dims } };
const chunking = { chunkSize: 500, chunkOverlap: 50 };
const bookId = "a".repeat(64);

function preparedBook(chunks: number): PreparedBook {
  return {
    record: { bookId, file: "a.pdf", title: "A", format: "pdf", pages: 2 },
    chunks: Array.from({ length: chunks }, (_, position) => ({
      bookId,
      file: "a.pdf",
      title: "A",
      page: position + 1,
      // Citation fields the chunker adds for PDFs with page labels and an outline.
      ...(position === 0 ? { pageEnd: 2, pageLabel: "i", pageLabelEnd: "ii", section: "Preface" } : {}),
      position,
      text: `chunk ${position}`,
    })),
    vectors: Array.from({ length: chunks }, (_, row) =>
      Float32Array.from({ length: dims }, (_, col) => row + col / 10),
    ),
  };
}

describe("staging area", () => {
  const dirs: string[] = [];
  const indexDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "staging-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("reads back exactly the chunks and vectors that were staged", () => {
    const staging = openStagingArea(indexDir(), { embedder, chunking });
    const book = preparedBook(5);
    staging.write(book);
    const read = staging.read(bookId);
    expect(read?.chunks).toEqual(book.chunks);
    expect(read?.vectors.map((vector) => Array.from(vector))).toEqual(book.vectors.map((vector) => Array.from(vector)));
    expect(read?.record).toEqual(book.record);
  });

  it("keeps the keyword postings the book job computed, and drops postings that do not fit the chunks", () => {
    const staging = openStagingArea(indexDir(), { embedder, chunking });
    const prepared = preparedBook(3);
    const book = { ...prepared, postings: bookPostings(prepared.record.title, prepared.chunks) };
    staging.write(book);
    expect(staging.read(bookId)?.postings).toEqual(book.postings);
    // Postings of a two-chunk book staged with three chunks: their lengths do not fit.
    staging.write({ ...book, postings: bookPostings(prepared.record.title, prepared.chunks.slice(0, 2)) });
    const read = staging.read(bookId);
    // The chunks and vectors still serve; the publish computes the postings itself.
    expect(read?.postings).toBeUndefined();
    expect(read?.chunks).toEqual(book.chunks);
    // A term listed twice (a damaged file): the merge would give that term's rows twice.
    const { terms } = book.postings;
    staging.write({ ...book, postings: { ...book.postings, terms: [...terms.slice(0, -1), terms[0] as string] } });
    expect(staging.read(bookId)?.postings).toBeUndefined();
  });

  it("ignores a truncated vectors file and books staged with other settings", () => {
    const dir = indexDir();
    const staging = openStagingArea(dir, { embedder, chunking });
    staging.write(preparedBook(4));
    truncateSync(join(staging.dir, `${bookId}.f32`), 10);
    expect(staging.has(bookId)).toBe(true);
    expect(staging.read(bookId)).toBeUndefined();

    staging.write(preparedBook(4));
    const otherChunking = openStagingArea(dir, { embedder, chunking: { chunkSize: 800, chunkOverlap: 50 } });
    expect(otherChunking.read(bookId)).toBeUndefined();
    const otherDims = openStagingArea(dir, { embedder: { identity: { ...embedder.identity, dims: 16 } }, chunking });
    expect(otherDims.read(bookId)).toBeUndefined();
  });

  it("removes staged files left behind longer than the limit, and only those", () => {
    const staging = openStagingArea(indexDir(), { embedder, chunking });
    staging.write(preparedBook(2));
    const stale = join(staging.dir, `${"b".repeat(64)}.json`);
    writeFileSync(stale, "{}");
    const weekAgo = (Date.now() - 8 * 24 * 3600 * 1000) / 1000;
    utimesSync(stale, weekAgo, weekAgo);
    expect(staging.removeOlderThan(7 * 24 * 3600 * 1000)).toEqual([`${"b".repeat(64)}.json`]);
    expect(staging.read(bookId)).toBeDefined();
  });
});
