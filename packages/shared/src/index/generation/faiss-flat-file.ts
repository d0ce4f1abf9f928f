// Writes FAISS IndexFlatIP files directly from Float32 vectors. faiss-node's `add` takes a
// plain JS array, which is slow for a whole library; the flat on-disk format is a fixed header
// plus the raw floats, so streaming them to disk and letting FAISS `read_index` load the file
// skips that conversion (`pnpm bench ingest`, docs/performance.md). The format (faiss/impl/index_write.cpp, "IxFI"):
//   fourcc "IxFI" | d:int32 | ntotal:int64 | 2×int64 (1<<20) | is_trained:uint8 |
//   metric_type:int32 (0 = inner product) | code bytes/4:uint64 | float32[ntotal*d]
// A round-trip test checks this against FAISS itself.

export const FLAT_IP_HEADER_BYTES = 45;

export function flatIpHeader(dims: number, ntotal: number): Buffer {
  const header = Buffer.alloc(FLAT_IP_HEADER_BYTES);
  header.write("IxFI", 0, "latin1");
  header.writeInt32LE(dims, 4);
  header.writeBigInt64LE(BigInt(ntotal), 8);
  header.writeBigInt64LE(1n << 20n, 16);
  header.writeBigInt64LE(1n << 20n, 24);
  header.writeUInt8(1, 32);
  header.writeInt32LE(0, 33);
  header.writeBigUInt64LE(BigInt(ntotal * dims), 37);
  return header;
}

export function isFlatFactory(factory: string): boolean {
  return factory.trim() === "Flat";
}

/** ntotal and dims from a flat file's header; undefined when the file does not start like one. */
export function readFlatIpHeader(bytes: Buffer): { dims: number; ntotal: number } | undefined {
  if (bytes.length < FLAT_IP_HEADER_BYTES || bytes.toString("latin1", 0, 4) !== "IxFI") return undefined;
  return { dims: bytes.readInt32LE(4), ntotal: Number(bytes.readBigInt64LE(8)) };
}
