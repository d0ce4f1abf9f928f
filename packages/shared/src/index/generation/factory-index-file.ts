// IVF, HNSW and other FAISS factory indexes of a generation: trained on a sample of its raw
// vectors (vectors.f32), filled in batches, written to index.faiss, and given its IVF nprobe.
import { closeSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { loadFaiss, MetricType } from "@ai-library/faiss-native";
import { DEFAULT_NPROBE, setIvfNprobe } from "./faiss-ivf-file.js";

export interface FactoryIndexRequest {
  tempDir: string;
  dims: number;
  indexFactory: string;
  nprobe?: number;
  indexFile: string;
  vectorsFile: string;
}

/**
 * IVF/HNSW and other FAISS factory strings: train on a sample, add in batches, write; then set
 * the IVF search's nprobe in the file. Returns the nprobe written (undefined: not an IVF index).
 */
export function buildFactoryIndex(options: FactoryIndexRequest, count: number): number | undefined {
  const dims = options.dims;
  const faiss = loadFaiss();
  const index = faiss.Index.fromFactory(dims, options.indexFactory, MetricType.INNER_PRODUCT);
  const fd = openSync(join(options.tempDir, options.vectorsFile), "r");
  const readRows = (start: number, rows: number): number[] => {
    const buffer = Buffer.alloc(rows * dims * 4);
    readSync(fd, buffer, 0, buffer.length, start * dims * 4);
    return Array.from(new Float32Array(buffer.buffer, buffer.byteOffset, rows * dims));
  };
  try {
    if (!index.isTrained()) {
      // A contiguous prefix is biased toward the first books; a strided sample is not.
      const sampleSize = trainingSampleSize(options.indexFactory, dims, count);
      const stride = Math.max(1, Math.floor(count / sampleSize));
      const sample = new Float32Array(sampleSize * dims);
      let taken = 0;
      for (let row = 0; row < count && taken < sampleSize; row += stride, taken++)
        sample.set(readRows(row, 1), taken * dims);
      index.train(Array.from(sample.subarray(0, taken * dims)));
    }
    const batch = 10_000;
    for (let start = 0; start < count; start += batch) index.add(readRows(start, Math.min(batch, count - start)));
    index.write(join(options.tempDir, options.indexFile));
  } finally {
    closeSync(fd);
  }
  return setIvfNprobe(join(options.tempDir, options.indexFile), options.nprobe ?? DEFAULT_NPROBE);
}

/**
 * How many vectors to train on: FAISS k-means wants ≥ 39 points per IVF list (it warns and
 * clusters poorly below that) and uses at most 256, so 64 per list, and never under 50k.
 */
function trainingSampleSize(factory: string, dims: number, count: number): number {
  const lists = Number(/IVF(\d+)/.exec(factory)?.[1] ?? 0);
  return Math.min(count, Math.max(dims * 40, 50_000, lists * 64));
}
