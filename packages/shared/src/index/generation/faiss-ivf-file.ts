// Sets how many IVF lists a search visits (nprobe) in a written FAISS index file. faiss-node
// has no setter for it, so every IVF index searched one list (nprobe 1) and lost neighbours that
// sit in the next list over. FAISS stores nprobe in the file: every IVF index type starts with
// the common header, then nlist and nprobe (faiss/impl/index_write.cpp, write_ivf_header):
//   fourcc "Iw??" | d:int32 | ntotal:int64 | 2×int64 | is_trained:uint8 | metric_type:int32 |
//   nlist:uint64 | nprobe:uint64 | quantizer …
// (metric_arg follows metric_type only for metrics above 1; ours is inner product, 0). The test
// writes IVF indexes with FAISS itself and checks recall rises with the nprobe set here.
import { closeSync, openSync, readSync, writeSync } from "node:fs";

export { DEFAULT_NPROBE } from "../../config/index-defaults.js";

const METRIC_TYPE_OFFSET = 33;
const NLIST_OFFSET = 37;
const NPROBE_OFFSET = 45;
const HEADER_BYTES = NPROBE_OFFSET + 8;

/**
 * Writes nprobe into an IVF index file in place, clamped to its number of lists, and returns
 * the value written; undefined when the file is not a bare IVF index (Flat, HNSW, or an IVF
 * behind a transform such as PCA), which keeps FAISS's own search settings.
 */
export function setIvfNprobe(path: string, nprobe: number): number | undefined {
  const fd = openSync(path, "r+");
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    if (readSync(fd, header, 0, HEADER_BYTES, 0) < HEADER_BYTES) return undefined;
    if (header.toString("latin1", 0, 2) !== "Iw" || header.readInt32LE(METRIC_TYPE_OFFSET) > 1) return undefined;
    const lists = Number(header.readBigUInt64LE(NLIST_OFFSET));
    const applied = Math.max(1, Math.min(nprobe, lists));
    const value = Buffer.alloc(8);
    value.writeBigUInt64LE(BigInt(applied));
    writeSync(fd, value, 0, 8, NPROBE_OFFSET);
    return applied;
  } finally {
    closeSync(fd);
  }
}
