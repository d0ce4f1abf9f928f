import { resolve } from "node:path";
import type { ChunkingOptions } from "../chunking/index.js";
import type { AppConfig } from "../config/schema.js";
import { type BookLoadLimits, bookLoadLimitsFromConfig } from "../loaders/limits.js";
import { type OcrPlan, ocrPlanFromConfig } from "../loaders/ocr/ocr-settings.js";

export interface IngestSettings {
  chunking: ChunkingOptions;
  limits: BookLoadLimits;
  indexFactory: string;
  /** IVF lists a search visits, written into the index (INDEX_NPROBE). */
  nprobe: number;
  keepGenerations: number;
  /** Books parsed and embedded at once (each parse runs in its own child process). */
  concurrency: number;
  /** OCR of scanned pages, or why there is none. */
  ocr: OcrPlan;
}

export function ingestSettingsFromConfig(config: AppConfig): IngestSettings {
  return {
    chunking: { chunkSize: config.CHUNK_SIZE, chunkOverlap: config.CHUNK_OVERLAP },
    limits: bookLoadLimitsFromConfig(config),
    indexFactory: config.INDEX_FACTORY,
    nprobe: config.INDEX_NPROBE,
    keepGenerations: config.INDEX_KEEP_GENERATIONS,
    concurrency: config.INGEST_CONCURRENCY,
    // Absolute: the parse child must find the same cache whatever its working directory.
    ocr: ocrPlanFromConfig(config, resolve(config.INDEX_DIR, "cache", "ocr")),
  };
}
