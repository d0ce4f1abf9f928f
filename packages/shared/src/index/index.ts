export { DOCSTORE_FILE } from "./docstore.js";
export { replaceFileAtomically, sha256File } from "./durable-fs.js";
export { EmbedderMismatchError, IndexIntegrityError, NoLiveGenerationError, PublishLockedError } from "./errors.js";
export { type GenerationBuilder, INDEX_FILE, type NewBook } from "./generation-builder.js";
export {
  type BuilderRequest,
  type GenerationSummary,
  type IndexStore,
  newGenerationId,
  openIndexStore,
} from "./index-store.js";
export { type LoadedGeneration, openGeneration } from "./loaded-generation.js";
export { type BookRecord, type GenerationManifest, MANIFEST_FILE, readManifest } from "./manifest.js";
export { type VerifyFault, verifyAndOpenGeneration } from "./verify-generation.js";
