export { LibraryEmptyError } from "./errors.js";
export { createLiveLibrary, type LiveLibrary, type LiveLibraryDeps, type ReloadOutcome } from "./live-library.js";
export type { Passage, RetrievalResult } from "./types.js";
