// Reads raw float32 vectors of a generation by row, straight from its vector file (the
// flat FAISS file past its header, or vectors.f32): for reusing unchanged books in the next
// ingest and for scoring keyword hits by cosine similarity without a second FAISS search.
// Rows and labels differ in a derived generation (label-layout.ts); each segment has its file.
import { closeSync, openSync, readSync } from "node:fs";
import { join } from "node:path";

export interface VectorRows {
  /** `count` consecutive rows starting at `firstRow`, as one array of count×dims floats. */
  read(firstRow: number, count: number): Float32Array;
  close(): void;
}

/** Rows of one vector file: `file` in `dir`, vectors from byte `offset` on (one segment's, segments.ts). */
export function openVectorRows(dir: string, vectors: { file: string; offset: number }, dims: number): VectorRows {
  let fd: number | undefined;
  return {
    read(firstRow, count) {
      fd ??= openSync(join(dir, vectors.file), "r");
      const buffer = Buffer.alloc(count * dims * 4);
      readSync(fd, buffer, 0, buffer.length, vectors.offset + firstRow * dims * 4);
      return new Float32Array(buffer.buffer, buffer.byteOffset, count * dims);
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** `count` consecutive rows from `firstRow` on (a book's vectors), one array per row. */
export function vectorsAt(rows: VectorRows, firstRow: number, count: number, dims: number): Float32Array[] {
  if (count === 0) return [];
  const all = rows.read(firstRow, count);
  return Array.from({ length: count }, (_, row) => all.slice(row * dims, (row + 1) * dims));
}

/** Inner products of a unit query with the stored (unit) vectors of `labels`: cosine similarities. */
export function similaritiesOf(
  rows: VectorRows,
  query: Float32Array,
  labels: readonly number[],
  rowOf: (label: number) => number | undefined,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const label of labels) {
    if (out.has(label)) continue;
    const row = rowOf(label);
    if (row === undefined) continue;
    const vector = rows.read(row, 1);
    let sum = 0;
    for (let i = 0; i < vector.length; i++) sum += (vector[i] ?? 0) * (query[i] ?? 0);
    out.set(label, sum);
  }
  return out;
}
