// Writes a generation's (or a new segment's) raw float32 vector rows: the flat FAISS file past
// its header, or vectors.f32, straight from the embedder's arrays.
import { writeSync, writevSync } from "node:fs";

export interface VectorFileWriter {
  /** Rows in the file so far. */
  readonly rows: number;
  append(vectors: readonly Float32Array[]): void;
}
const IOV_MAX = 1024;

export function createVectorFileWriter(fd: number, options: { offset: number; dims: number; rows: number }) {
  const rowBytes = options.dims * 4;
  let rows = options.rows;
  const at = (row: number) => options.offset + row * rowBytes;

  // Straight from the embedder's arrays, no copy into one block first: a fresh block per book
  // costs more in page faults on a VM than the write itself. Groups of IOV_MAX rows.
  const append = (vectors: readonly Float32Array[]) => {
    for (let first = 0; first < vectors.length; first += IOV_MAX) {
      const group = vectors.slice(first, first + IOV_MAX);
      const start = at(rows);
      let written = writevSync(fd, group, start);
      // A regular file takes a short write only when the disk fills up: write the rest row by
      // row, so the next write reports ENOSPC instead of the file silently missing rows.
      let position = start;
      for (const vector of group) {
        const row = new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
        for (let done = Math.min(written, row.length); done < row.length; ) {
          done += writeSync(fd, row, done, row.length - done, position + done);
        }
        written = Math.max(0, written - row.length);
        position += row.length;
      }
      rows += group.length;
    }
  };

  return {
    get rows() {
      return rows;
    },
    append,
  } satisfies VectorFileWriter;
}
