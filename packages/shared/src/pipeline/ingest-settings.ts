import type { ChunkingOptions } from "../chunking/index.js";
import type { AppConfig } from "../config/schema.js";
import { type BookLoadLimits, bookLoadLimitsFromConfig } from "../loaders/limits.js";

export interface IngestSettings {
  chunking: ChunkingOptions;
  limits: BookLoadLimits;
  indexFactory: string;
  /** IVF lists a search visits, written into the index (INDEX_NPROBE). */
  nprobe: number;
  keepGenerations: number;
  /** Books parsed and embedded at once (each parse runs in its own child process). */
  concurrency: number;
}

export function ingestSettingsFromConfig(config: AppConfig): IngestSettings {
  return {
    chunking: { chunkSize: config.CHUNK_SIZE, chunkOverlap: config.CHUNK_OVERLAP },
    limits: bookLoadLimitsFromConfig(config),
    indexFactory: config.INDEX_FACTORY,
    nprobe: config.INDEX_NPROBE,
    keepGenerations: config.INDEX_KEEP_GENERATIONS,
    concurrency: config.INGEST_CONCURRENCY,
  };
}
