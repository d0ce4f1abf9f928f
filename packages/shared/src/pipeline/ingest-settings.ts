import type { ChunkingOptions } from "../chunking/index.js";
import type { AppConfig } from "../config/schema.js";
import type { LoaderLimits } from "../loaders/index.js";

export interface IngestSettings {
  chunking: ChunkingOptions;
  limits: LoaderLimits;
  indexFactory: string;
  keepGenerations: number;
  /** Books parsed and embedded at once (each parse runs in its own child process). */
  concurrency: number;
}

export function ingestSettingsFromConfig(config: AppConfig): IngestSettings {
  return {
    chunking: { chunkSize: config.CHUNK_SIZE, chunkOverlap: config.CHUNK_OVERLAP },
    limits: {
      timeoutMs: config.PARSE_TIMEOUT_SECONDS * 1000,
      memoryMb: config.PARSE_MEMORY_MB,
      maxUncompressedBytes: config.EPUB_MAX_UNCOMPRESSED_MB * 1024 * 1024,
    },
    indexFactory: config.INDEX_FACTORY,
    keepGenerations: config.INDEX_KEEP_GENERATIONS,
    concurrency: config.INGEST_CONCURRENCY,
  };
}
