// Text helpers shared by embedders, answerers and keyword search: pure and fast.
export { detectLanguage, wordLanguage } from "./detect-language.js";
export { joinHyphenation, normaliseForSearch } from "./normalise-for-search.js";
export { searchTerms } from "./search-terms.js";
export { splitSentences } from "./split-sentences.js";
export { stem } from "./stem.js";
export { isStopword } from "./stopwords.js";
export { tokenize } from "./tokenize.js";
