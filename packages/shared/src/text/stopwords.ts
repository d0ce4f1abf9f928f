// Function words ("и", "в", "the", "of") carry no topic. Lists are the Snowball ones shipped
// by the `stopword` package; callers pass normalised (lower-case, ё→е) words.
import { createRequire } from "node:module";
import type { Language } from "./language.js";

// `stopword` is CommonJS without type declarations; these two arrays are all we use.
const require = createRequire(import.meta.url);
const { rus, eng } = require("stopword") as { rus: string[]; eng: string[] };

// Adverbs of degree the Snowball list lacks. "quite" is the one that does harm: the English
// stemmer cuts it to "quit", so "How do I quit R?" matched every "not quite" of a novel.
const MORE_ENGLISH = ["quite", "rather", "somewhat"];

const fold = (words: string[]) => new Set(words.map((word) => word.toLowerCase().replace(/ё/g, "е")));
const lists: Record<Language, Set<string>> = { ru: fold(rus), en: fold([...eng, ...MORE_ENGLISH]) };

export function isStopword(word: string, lang: Language): boolean {
  return lists[lang].has(word);
}
