// Finding passages for a question: the live generation (hot-swapped), hybrid keyword + vector
// scoring, neighbour merging and cut-sentence completion.
export { LibraryEmptyError } from "./errors.js";
export { DEBIAN_THESAURUS_FILES, loadThesaurus } from "./expansion/load-thesaurus.js";
export type { Thesaurus } from "./expansion/thesaurus.js";
export {
  createLiveGenerations,
  type LiveGenerations,
  type ReloadOutcome,
  type ServedGeneration,
} from "./live-generations.js";
export { createLiveLibrary, type LiveLibrary } from "./live-library.js";
export {
  DEFAULT_RETRIEVAL_SETTINGS,
  type RetrievalMode,
  type RetrievalSettings,
  retrievalSettingsFromConfig,
} from "./retrieval-settings.js";
export { type SearchContext, type SearchOptions, searchQueryOf, textToEmbed } from "./search-context.js";
export { passagesFromVectorHits, type SearchQuery, searchGeneration, vectorHitsOfMany } from "./search-generation.js";
export { type SectionText, sectionAround } from "./section-around.js";
export { SMOKE_QUESTION, smokeQuery, smokeTested } from "./smoke-query.js";
export type { Passage } from "./types.js";
