// The ingest pipeline, one home per step, shared by `ingest --inline` (runIngest) and the
// worker's jobs: planIngest → prepareOrReuseBook (per book) → assembleGeneration → publishRun.
export { assembleGeneration } from "./assemble-generation.js";
export { indexedBookOutcome, isInGeneration, unchangedBookOutcome } from "./book-outcomes.js";
export { type IngestSettings, ingestSettingsFromConfig } from "./ingest-settings.js";
export { planIngest } from "./plan-ingest.js";
export { type PreparedBook, prepareBook } from "./prepare-book.js";
export { prepareOrReuseBook, type ReusableBooks } from "./prepare-or-reuse-book.js";
export { publishRun } from "./publish-run.js";
export {
  openReusableGeneration,
  type ReusableOpen,
  type ReuseRequirements,
  readReusableLiveManifest,
} from "./reusable-generation.js";
export { type IngestDeps, type IngestOptions, runIngest } from "./run-ingest.js";
export { type LibraryFile, scanLibrary } from "./scan-library.js";
export type { BookOutcome, BookStatus, IngestProgress, IngestReport } from "./types.js";
