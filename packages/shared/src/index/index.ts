// Operations: integrity check, listing, rollback, backup/restore, retention, start-up check.
export { type BackupHeader, readBackupHeader } from "./backup-header.js";
export { backupStamp, isBackupFileName, listBackupFiles } from "./backup-names.js";
export { pruneBackups, type RetentionResult } from "./backup-retention.js";
export { DOCSTORE_FILE } from "./docstore.js";
export { replaceFileAtomically, sha256File } from "./durable-fs.js";
export {
  asIndexWriteError,
  EmbedderMismatchError,
  IndexIntegrityError,
  IndexWriteError,
  NoLiveGenerationError,
  PublishLockedError,
} from "./errors.js";
export { DEFAULT_NPROBE, setIvfNprobe } from "./faiss-ivf-file.js";
export { type GenerationBuilder, INDEX_FILE, type NewBook } from "./generation-builder.js";
export {
  checkGenerationDir,
  describeFaults,
  type EmbedderExpectation,
  type GenerationCheck,
} from "./generation-check.js";
export { type GenerationListing, listGenerations } from "./generation-listing.js";
export {
  type BuilderRequest,
  type GenerationSummary,
  type IndexStore,
  newGenerationId,
  openIndexStore,
} from "./index-store.js";
export { KEYWORD_TABLE, type ScoredLabel } from "./keyword-index.js";
export { KEYWORD_TERMS_VERSION, keywordTerms } from "./keyword-terms.js";
export { LIVE_HISTORY_FILE, type LiveSwitch, previouslyLive, readLiveHistory } from "./live-history.js";
export { type LoadedGeneration, openGeneration } from "./loaded-generation.js";
export { type BookRecord, type GenerationManifest, MANIFEST_FILE, readManifest, sealManifest } from "./manifest.js";
export { type OldFaissFile, readOldFaissFile } from "./old-index-layout.js";
export { BackupError, RestoreError, RollbackError, type SkippedGeneration } from "./ops-errors.js";
export { type RestoreRequest, type RestoreResult, restoreGeneration } from "./restore-generation.js";
export {
  type RollbackRequest,
  type RollbackResult,
  rollbackCandidates,
  rollbackLiveGeneration,
} from "./rollback-generation.js";
export { type StartupCheckDeps, type StartupIndexCheck, verifyLiveAtStartup } from "./startup-check.js";
export type { UndoTarget } from "./undo-target.js";
export { verifyBackupArchive } from "./verify-backup.js";
export { type VerifyFault, verifyAndOpenGeneration } from "./verify-generation.js";
export { type BackupInfo, type BackupRequest, writeGenerationBackup } from "./write-backup.js";
