// The index: versioned generations of a library (FAISS vectors + SQLite docstore + a manifest
// written last) and what operators do with them. Three folders, one way down:
//   generation/  the on-disk format — build and publish (builder, index-store, publish-lock,
//                live-history), the files (manifest, docstore, FAISS flat/IVF, vector rows,
//                durable-fs), verify (verifyGeneration, openVerifiedGeneration) and open for
//                queries (openGeneration → LoadedGeneration).
//   keyword/     the BM25 part of a generation: the terms written to and searched in the
//                docstore's FTS5 table, and spelling variants. Here, not in retrieval/, because
//                the docstore writes that table; retrieval reads the same terms from here.
//   operations/  what operators run on generations: listing, rollback, backup/restore and their
//                retention, the old single-file layout, and verifyLiveGeneration at start-up.
// keyword/ imports neither other folder, generation/ imports keyword/ only, operations/ imports
// both (.dependency-cruiser.cjs checks it). "Verify" has one family of names: verifyGeneration
// (report faults), openVerifiedGeneration (verify and keep FAISS + docstore open),
// verifyLiveGeneration (the live one, with fallback); the worker's verifyLiveForReuse builds on them.

// generation/: format, build, publish, verify, open.
export { replaceFileAtomically, sha256File } from "./generation/durable-fs.js";
export { IndexWriteError } from "./generation/errors.js";
export { DEFAULT_NPROBE, setIvfNprobe } from "./generation/faiss-ivf-file.js";
export type { GenerationBase } from "./generation/generation-base.js";
export { type Derivation, type GenerationBuilder, INDEX_FILE, type NewBook } from "./generation/generation-builder.js";
export { type GenerationData, openGenerationData } from "./generation/generation-data.js";
export { type IndexStore, newGenerationId, openIndexStore } from "./generation/index-store.js";
export { labelLayout } from "./generation/label-layout.js";
export { type LoadedGeneration, openGeneration } from "./generation/loaded-generation.js";
export {
  type BookRecord,
  bookRecordSchema,
  type GenerationManifest,
  MANIFEST_FILE,
  readManifest,
  sealManifest,
} from "./generation/manifest.js";
export type { VerifyFault } from "./generation/open-verified-generation.js";
export { randomChunkTexts } from "./generation/sample-chunk-texts.js";
export { type GenerationSegment, ownSegment, ownSegmentOf, segmentsOf } from "./generation/segments.js";
export {
  describeFaults,
  type EmbedderExpectation,
  type GenerationVerification,
  verifyGeneration,
} from "./generation/verify-generation.js";

// keyword/: the BM25 part of a generation.
export { type BookPostings, bookPostings, bookPostingsFaults } from "./keyword/book-postings.js";
export type { ScoredLabel } from "./keyword/keyword-index.js";
export { KEYWORD_TERMS_VERSION, keywordTerms } from "./keyword/keyword-terms.js";

// operations/: listing, rollback, backup/restore, retention, old layout, start-up verification,
// and generations shipped between hosts (servableFile on the publisher, installGeneration on a follower).
export { listBackupFiles } from "./operations/backup-names.js";
export { pruneBackups } from "./operations/backup-retention.js";
export {
  COMPACT_AT_SEGMENTS,
  type CompactionOutcome,
  compactionReason,
  compactLiveGeneration,
} from "./operations/compact-generation.js";
export { type GenerationListing, listGenerations } from "./operations/generation-listing.js";
export {
  GenerationRefusedError,
  type InstallOutcome,
  installGeneration,
} from "./operations/install-generation.js";
export { restoreGeneration } from "./operations/restore-generation.js";
export { rollbackLiveGeneration } from "./operations/rollback-generation.js";
export { type ServableFile, servableFile } from "./operations/servable-file.js";
export type { UndoTarget } from "./operations/undo-target.js";
export { type LiveVerification, verifyLiveGeneration } from "./operations/verify-live-generation.js";
export { writeGenerationBackup } from "./operations/write-backup.js";
