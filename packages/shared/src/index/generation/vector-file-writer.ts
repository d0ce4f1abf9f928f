// Writes a generation's (or a new segment's) raw float32 vector rows: the flat FAISS file past
// its header, or vectors.f32, straight from the embedder's arrays, in libuv's thread pool
// (queued-file-writes.ts) while the main thread fills the docstore.
import { queueFileWrites } from "./queued-file-writes.js";

export interface VectorFileWriter {
  /** Rows in the file so far (some may still be on their way to it: see `settled`). */
  readonly rows: number;
  /** Queues the rows' writes; the caller must not change the arrays until `settled`. */
  append(vectors: readonly Float32Array[]): void;
  /** Resolves when every row is in the file; rejects with the first write that failed. */
  settled(): Promise<void>;
}

export function createVectorFileWriter(
  fd: number,
  options: { offset: number; dims: number; rows: number },
): VectorFileWriter {
  const rowBytes = options.dims * 4;
  const writes = queueFileWrites(fd);
  let rows = options.rows;
  return {
    get rows() {
      return rows;
    },
    append(vectors) {
      writes.write(vectors, options.offset + rows * rowBytes);
      rows += vectors.length;
    },
    settled: () => writes.settled(),
  };
}
