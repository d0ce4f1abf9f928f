export { type IngestSettings, ingestSettingsFromConfig } from "./ingest-settings.js";
export { type PrepareBookDeps, type PreparedBook, prepareBook } from "./prepare-book.js";
export {
  manifestIsReusable,
  openReusableGeneration,
  type ReusableOpen,
  type ReuseRequirements,
  readReusableLiveManifest,
} from "./reusable-generation.js";
export {
  type IngestDeps,
  type IngestOptions,
  NothingToPublishError,
  nothingToPublish,
  runIngest,
} from "./run-ingest.js";
export { type LibraryFile, type ScanResult, scanLibrary } from "./scan-library.js";
export type { BookOutcome, BookStatus, IngestProgress, IngestReport } from "./types.js";
