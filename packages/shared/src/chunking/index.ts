export { CHUNKER_VERSION, type ChunkingOptions, chunkBook } from "./chunk-book.js";
export type { Chunk, ChunkSource } from "./types.js";
