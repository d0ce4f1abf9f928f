// Writes a generation's raw float32 vector rows (the flat FAISS file past its header, or
// vectors.f32) at explicit positions, so a derived generation can append to a copy of the
// previous file and then close the gaps its removed books leave, in place and in bounded memory.
import { ftruncateSync, readSync, writeSync, writevSync } from "node:fs";

export interface VectorFileWriter {
  /** Rows in the file so far. */
  readonly rows: number;
  append(vectors: readonly Float32Array[]): void;
  /** Deletes row ranges (ascending, not overlapping), moving the rows after each gap down. */
  removeRows(ranges: readonly RowRange[]): void;
}

export interface RowRange {
  firstRow: number;
  count: number;
}

/** Rows moved per read/write while closing gaps: memory stays at this, whatever the library size. */
const MOVE_BLOCK_BYTES = 8 * 1024 * 1024;
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

  const removeRows = (ranges: readonly RowRange[]) => {
    if (ranges.length === 0) return;
    const block = Buffer.allocUnsafeSlow(Math.max(rowBytes, MOVE_BLOCK_BYTES - (MOVE_BLOCK_BYTES % rowBytes)));
    let target = ranges[0]?.firstRow ?? 0;
    ranges.forEach((range, index) => {
      const keptFrom = range.firstRow + range.count;
      const keptTo = ranges[index + 1]?.firstRow ?? rows;
      for (let row = keptFrom; row < keptTo; ) {
        const take = Math.min(keptTo - row, block.length / rowBytes);
        const bytes = take * rowBytes;
        readFully(fd, block, bytes, at(row));
        for (let done = 0; done < bytes; ) done += writeSync(fd, block, done, bytes - done, at(target) + done);
        row += take;
        target += take;
      }
    });
    rows = target;
    ftruncateSync(fd, at(rows));
  };

  return {
    get rows() {
      return rows;
    },
    append,
    removeRows,
  } satisfies VectorFileWriter;
}

function readFully(fd: number, into: Buffer, bytes: number, position: number): void {
  for (let done = 0; done < bytes; ) {
    const read = readSync(fd, into, done, bytes - done, position + done);
    if (read === 0) throw new Error(`vector file ended ${bytes - done} bytes early at ${position + done}`);
    done += read;
  }
}
