// Under a derived generation: translating FAISS rows to labels and back when labels have gaps,
// and when a segment's books start at given rows with removed books' rows between them.
import { describe, expect, it } from "vitest";
import { labelLayout, overlappingLabels } from "../../src/index/generation/label-layout.js";
import type { BookRecord } from "../../src/index/generation/manifest.js";

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

  it("in a segment, maps only live books' rows: a removed book's rows between them map to no label", () => {
    // Segment rows 0–9 were book a (removed since), 10–14 book b, 15–19 book c.
    const layout = labelLayout([
      { ...book("b", 10, 5), row: 10 },
      { ...book("c", 40, 5), row: 15 },
    ]);
    expect(layout.identity).toBe(false);
    expect(layout.labelOf(3)).toBe(-1);
    expect(layout.labelOf(12)).toBe(12);
    expect(layout.labelOf(16)).toBe(41);
    expect(layout.rowOf(3)).toBeUndefined();
    expect(layout.rowOf(44)).toBe(19);
    // Labels equal to rows are not enough for the identity: rows 0–9 are dead.
    expect(labelLayout([{ ...book("b", 10, 5), row: 10 }]).identity).toBe(false);
  });
});
