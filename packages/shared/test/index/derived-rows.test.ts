// The two pieces under a derived generation, on real files: closing the gaps removed books leave
// in a vector file (first rows, adjacent ranges, the tail, more rows than one move block), and
// translating FAISS rows to labels and back when the labels have gaps.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { labelLayout, overlappingLabels } from "../../src/index/generation/label-layout.js";
import type { BookRecord } from "../../src/index/generation/manifest.js";
import { createVectorFileWriter } from "../../src/index/generation/vector-file-writer.js";

const root = mkdtempSync(join(tmpdir(), "derived-rows-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DIMS = 4;
const HEADER = 45;
/** Row n holds n in every dimension, so the file says which rows survived. */
const row = (n: number) => Float32Array.from({ length: DIMS }, () => n);

function rowsIn(path: string): number[] {
  const bytes = readFileSync(path).subarray(HEADER);
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return Array.from({ length: floats.length / DIMS }, (_, at) => floats[at * DIMS] ?? Number.NaN);
}

describe("vector file writer", () => {
  it("removes the first rows, adjacent ranges and the tail, keeping the header and the order", () => {
    const path = join(root, "small.f32");
    const fd = openSync(path, "w+");
    try {
      const writer = createVectorFileWriter(fd, { offset: HEADER, dims: DIMS, rows: 0 });
      writer.append(Array.from({ length: 20 }, (_, n) => row(n)));
      writer.removeRows([
        { firstRow: 0, count: 2 },
        { firstRow: 5, count: 3 },
        { firstRow: 8, count: 1 },
        { firstRow: 18, count: 2 },
      ]);
      expect(writer.rows).toBe(12);
      writer.append([row(100)]);
    } finally {
      closeSync(fd);
    }
    expect(rowsIn(path)).toEqual([2, 3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 100]);
    expect(statSync(path).size).toBe(HEADER + 13 * DIMS * 4);
  });

  it("moves more rows than one 8 MiB block holds", () => {
    const path = join(root, "large.f32");
    const fd = openSync(path, "w+");
    const total = 600_000; // 9.6 MB of rows of 4 dims
    try {
      const writer = createVectorFileWriter(fd, { offset: HEADER, dims: DIMS, rows: 0 });
      for (let first = 0; first < total; first += 10_000) {
        writer.append(Array.from({ length: 10_000 }, (_, n) => row(first + n)));
      }
      writer.removeRows([{ firstRow: 10, count: 5 }]);
    } finally {
      closeSync(fd);
    }
    const rows = rowsIn(path);
    expect(rows).toHaveLength(total - 5);
    expect(rows.slice(8, 12)).toEqual([8, 9, 15, 16]);
    expect(rows.at(-1)).toBe(total - 1);
  });
});

const book = (bookId: string, firstLabel: number, chunkCount: number): BookRecord => ({
  bookId,
  file: `${bookId}.txt`,
  title: bookId,
  format: "txt",
  firstLabel,
  chunkCount,
});

describe("label layout", () => {
  it("is the identity for a generation built from scratch", () => {
    const layout = labelLayout([book("a", 0, 3), book("b", 3, 2)]);
    expect(layout.identity).toBe(true);
    expect([layout.rowOf(4), layout.labelOf(4), layout.rowOf(5), layout.labelOf(5)]).toEqual([4, 4, undefined, -1]);
  });

  it("maps rows to labels and back across the gaps removed books left", () => {
    // Rows: c (labels 10–11), a (labels 0–2), d (labels 20–23); labels 3–9 and 12–19 are gone.
    const books = [book("c", 10, 2), book("a", 0, 3), book("empty", 30, 0), book("d", 20, 4)];
    const layout = labelLayout(books);
    expect(layout.identity).toBe(false);
    expect(Array.from({ length: 9 }, (_, at) => layout.labelOf(at))).toEqual([10, 11, 0, 1, 2, 20, 21, 22, 23]);
    expect([0, 2, 3, 10, 11, 12, 23, 24].map((label) => layout.rowOf(label))).toEqual([
      2,
      4,
      undefined,
      0,
      1,
      undefined,
      8,
      undefined,
    ]);
    expect(layout.labelOf(9)).toBe(-1);
    expect(layout.firstRowOf(books[3] as BookRecord)).toBe(5);
    expect(overlappingLabels(books)).toEqual([]);
    expect(overlappingLabels([book("x", 0, 5), book("y", 4, 2)])).toEqual([
      "у книг x.txt и y.txt пересекаются метки начиная с 4",
    ]);
  });
});
