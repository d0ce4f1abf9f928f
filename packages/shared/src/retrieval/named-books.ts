// A question that names a book ("How does the Devil's Dictionary define a bore?", «что
// говорит Free Culture о…») says where to look: its search keeps to that book's chunks. Title
// words that name the book rather than describe it (few of its chunks use them in their text)
// also leave the keyword query: every chunk is indexed under its book's title, so inside the
// book they rank nothing but the odd entry that uses them ("Devil", "Dictionary"), and in a
// library of twenty books Moby-Dick's "bore" and the dictionary's title page buried the entry.
// An article titled with its subject ("Civil disobedience") keeps those words: there they pick
// the paragraph.
import type { LabelRange } from "../index/keyword/keyword-index.js";
import { keywordTerms } from "../index/keyword/keyword-terms.js";
import { memoizeByKey } from "../text/memoize-by-key.js";

/** Fewer distinct title terms name too little to tell a title from the question's own words ("R", "Oxygen"). */
const MIN_TITLE_TERMS = 2;

export interface NamedBook extends LabelRange {
  titleTerms: readonly string[];
}

/** Whether `part` occurs in `whole` as consecutive items. */
function occursIn(part: readonly string[], whole: readonly string[]): boolean {
  for (let at = 0; at + part.length <= whole.length; at++) {
    if (part.every((item, offset) => whole[at + offset] === item)) return true;
  }
  return false;
}

/** Keyword terms word by word, in the order written ("Moby-Dick" gives mobi, dick, mobydick in place). */
function termSequence(text: string): string[] {
  return text
    .split(/\s+/u)
    .flatMap((word) => keywordTerms(word))
    .filter((term) => term.length >= 2);
}

const titleSequence = memoizeByKey(100_000, termSequence);

/**
 * The books whose title (at least two terms) the question holds word for word, in order: "the
 * Devil's Dictionary" names the book, "free software culture" does not name "Free Culture".
 */
export function booksNamedIn(question: string, books: readonly (LabelRange & { title: string })[]): NamedBook[] {
  const asked = termSequence(question);
  const named: NamedBook[] = [];
  for (const book of books) {
    const titleTerms = titleSequence(book.title);
    if (new Set(titleTerms).size >= MIN_TITLE_TERMS && occursIn(titleTerms, asked))
      named.push({ firstLabel: book.firstLabel, chunkCount: book.chunkCount, titleTerms });
  }
  // A question that names every book of the library (or the only one) narrows nothing.
  return named.length < books.length ? named : [];
}

/** Whether a label lies in one of the ranges. */
export function inRanges(label: number, ranges: readonly LabelRange[]): boolean {
  return ranges.some((range) => label >= range.firstLabel && label < range.firstLabel + range.chunkCount);
}

/**
 * Below this share of the named book's chunks, a title word is a name for the book, not its
 * subject: "devil" is in few entries of the Devil's Dictionary, while "civil disobedience" is in
 * most paragraphs of the article of that name, and there it still picks the paragraph.
 */
const SUBJECT_SHARE = 0.5;

/**
 * The search terms without the named titles' words that name rather than describe their book
 * (`textChunks`: how many of the book's chunks hold the term in their text), or all of them when
 * nothing else is asked.
 */
export function withoutTitleTerms(
  terms: readonly string[],
  named: readonly NamedBook[],
  textChunks: (term: string, book: NamedBook) => number,
): string[] {
  // A word is dropped only when it names every named book with it in its title (a translated
  // article keeps the original's title, and its text does not use those words).
  const naming = new Set(
    named
      .flatMap((book) => book.titleTerms)
      .filter((term) =>
        named.every(
          (book) => !book.titleTerms.includes(term) || textChunks(term, book) < SUBJECT_SHARE * book.chunkCount,
        ),
      ),
  );
  const rest = terms.filter((term) => !naming.has(term));
  return rest.length > 0 ? rest : [...terms];
}
