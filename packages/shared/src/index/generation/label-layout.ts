// Where each chunk's vector sits in a generation's vector file. A label (docstore row, keyword
// rowid, what search returns) stays with its chunk from one generation to the next, so a
// generation derived from the previous one (generation-builder's `base`) carries unchanged books
// over without renumbering their docstore and keyword rows. The rows are the books of the
// manifest, in manifest order, one after another; each book's labels are consecutive from its
// firstLabel. A generation built from scratch has label = row, as every generation before
// derived ones did.
import type { BookRecord } from "./manifest.js";

export interface LabelLayout {
  /** True when every label equals its row: no translation needed. */
  readonly identity: boolean;
  /** Row of a label; undefined for a label no book holds. */
  rowOf(label: number): number | undefined;
  /** Label of a row (FAISS search results are rows); -1 for a row past the end. */
  labelOf(row: number): number;
  /** The first row of a book's vectors. */
  firstRowOf(book: BookRecord): number;
}

interface Span {
  firstLabel: number;
  firstRow: number;
  count: number;
}

/** The last span whose `key` is ≤ value, by binary search over spans sorted by that key. */
function spanAt(spans: readonly Span[], key: "firstLabel" | "firstRow", value: number): Span | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  let found: Span | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid] as Span;
    if (span[key] <= value) {
      found = span;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && value < found[key] + found.count ? found : undefined;
}

export function labelLayout(books: readonly BookRecord[]): LabelLayout {
  let row = 0;
  const byRow: Span[] = [];
  const firstRows = new Map<string, number>();
  for (const book of books) {
    // A segment's books say where they start (removed books leave gaps); otherwise one after another.
    const first = book.row ?? row;
    byRow.push({ firstLabel: book.firstLabel, firstRow: first, count: book.chunkCount });
    firstRows.set(book.bookId, first);
    row = first + book.chunkCount;
  }
  const byLabel = byRow.filter((span) => span.count > 0).sort((a, b) => a.firstLabel - b.firstLabel);
  const withRows = byRow.filter((span) => span.count > 0).sort((a, b) => a.firstRow - b.firstRow);
  // label = row for every row from 0 on, with no row of a removed book in between.
  let covered = 0;
  const identity = withRows.every((span) => {
    const fits = span.firstLabel === span.firstRow && span.firstRow === covered;
    covered = span.firstRow + span.count;
    return fits;
  });
  return {
    identity,
    rowOf(label) {
      if (identity) return label >= 0 && label < covered ? label : undefined;
      const span = spanAt(byLabel, "firstLabel", label);
      return span ? span.firstRow + (label - span.firstLabel) : undefined;
    },
    labelOf(at) {
      if (identity) return at >= 0 && at < covered ? at : -1;
      const span = spanAt(withRows, "firstRow", at);
      return span ? span.firstLabel + (at - span.firstRow) : -1;
    },
    firstRowOf: (book) => firstRows.get(book.bookId) ?? book.firstLabel,
  };
}

/**
 * Faults in a manifest's labels: two books sharing a label would make a search hit name the
 * wrong chunk. Empty when every book's label range stands apart.
 */
export function overlappingLabels(books: readonly BookRecord[]): string[] {
  const sorted = books.filter((book) => book.chunkCount > 0).sort((a, b) => a.firstLabel - b.firstLabel);
  const faults: string[] = [];
  for (let at = 1; at < sorted.length; at++) {
    const before = sorted[at - 1] as BookRecord;
    const book = sorted[at] as BookRecord;
    if (before.firstLabel + before.chunkCount > book.firstLabel) {
      faults.push(`у книг ${before.file} и ${book.file} пересекаются метки начиная с ${book.firstLabel}`);
    }
  }
  return faults;
}
