// Cuts retrieved passages into sentences, each with its set of search terms, so the
// extractive answerer can quote the sentence that answers rather than a chunk's first line.
// Sentences come from the passage's prose and list blocks (passage-blocks.ts), each knowing
// its block, so a sentence that introduces a command or a list can be quoted with it; a
// block of code is one candidate of its own; headings and running titles are never quoted.
import type { Passage } from "../retrieval/types.js";
import { detectLanguage } from "../text/detect-language.js";
import { normaliseForSearch } from "../text/normalise-for-search.js";
import { searchTerms } from "../text/search-terms.js";
import { splitSentences } from "../text/split-sentences.js";
import { type PassageBlock, passageBlocks } from "./passage-blocks.js";

export interface SentenceCandidate {
  passageIndex: number;
  /** Index of the sentence's block in `blocksOf[passageIndex]`. */
  blockIndex: number;
  /** The last sentence of its block: what follows it is the next block. */
  lastInBlock: boolean;
  /** A code block quoted as a whole (its lines stay as they are). */
  isCode: boolean;
  /** The sentence after this one in the same passage, unless a heading stands between. */
  next?: SentenceCandidate;
  /** For a list item, table row or code: the sentence ending with a colon that leads into its run. */
  introducedBy?: SentenceCandidate;
  text: string;
  terms: Set<string>;
  /**
   * Terms of the heading right above, for the first sentence under it: a dictionary's
   * headword ("Bore" over "A person who talks when you wish him to listen."), a section title.
   */
  headingTerms?: Set<string>;
  /**
   * A sentence a command interrupts ("The R command" / `> objects()` / "(alternatively, ls())
   * can be used to…"): its beginning before the code, and the code block's index.
   */
  resumes?: { lead: SentenceCandidate; codeBlock: number };
  /** Term prefixes, for partial credit between derived words (see score-sentences.ts). */
  prefixes: Set<string>;
}

export const PREFIX_LENGTH = 6;

function prefixesOf(terms: Iterable<string>): Set<string> {
  const prefixes = new Set<string>();
  for (const term of terms) if (term.length >= PREFIX_LENGTH) prefixes.add(term.slice(0, PREFIX_LENGTH));
  return prefixes;
}

/** Headings and fragments this short carry the question's words but rarely its answer. */
const MIN_WORDS = 6;

/** Joins each too-short "sentence" (a heading, a label) to the sentence after it. */
function withShortOnesJoined(sentences: string[]): string[] {
  const out: string[] = [];
  let pending = "";
  for (const sentence of sentences) {
    const text = pending ? `${pending} ${sentence}` : sentence;
    if (text.split(/\s+/).length < MIN_WORDS) pending = text;
    else {
      out.push(text);
      pending = "";
    }
  }
  if (pending) out.push(pending);
  return out;
}

export interface Candidates {
  sentences: SentenceCandidate[];
  /** The blocks of each passage, by passage index. */
  blocksOf: PassageBlock[][];
}

function blockSentences(block: PassageBlock, language: ReturnType<typeof detectLanguage>): string[] {
  if (block.kind === "code") return [block.text];
  return withShortOnesJoined(splitSentences(block.text, language));
}

/** Every sentence of every passage; a sentence repeated by overlapping chunks appears once. */
export function sentenceCandidates(passages: readonly Passage[]): Candidates {
  const seen = new Set<string>();
  const sentences: SentenceCandidate[] = [];
  const blocksOf = passages.map((passage) => passageBlocks(passage.text));
  passages.forEach((passage, passageIndex) => {
    const language = detectLanguage(passage.text);
    let previous: SentenceCandidate | undefined;
    let introduction: SentenceCandidate | undefined;
    let heading: Set<string> | undefined;
    let interrupted: { lead: SentenceCandidate; codeBlock: number } | undefined;
    blocksOf[passageIndex]?.forEach((block, blockIndex) => {
      const resumes = block.kind === "prose" && interrupted?.codeBlock === blockIndex - 1 ? interrupted : undefined;
      interrupted =
        block.kind === "code" &&
        previous?.lastInBlock &&
        previous.blockIndex === blockIndex - 1 &&
        !/[.!?:;]["»”)]?\s*$/.test(previous.text)
          ? { lead: previous, codeBlock: blockIndex }
          : undefined;
      if (block.kind === "heading") {
        previous = undefined;
        introduction = undefined;
        heading = new Set(searchTerms(block.text));
        return;
      }
      const introduced = block.kind === "list" || block.kind === "code" || block.kind === "table";
      if (!introduced) introduction = undefined;
      else if (previous?.lastInBlock && /:\s*$/.test(previous.text) && !introduction) introduction = previous;
      const texts = blockSentences(block, language);
      texts.forEach((text, index) => {
        const key = normaliseForSearch(text).replace(/\s+/g, " ");
        if (seen.has(key)) return;
        seen.add(key);
        const terms = new Set(searchTerms(text));
        if (terms.size === 0) return;
        const sentence: SentenceCandidate = {
          passageIndex,
          blockIndex,
          lastInBlock: index === texts.length - 1,
          isCode: block.kind === "code",
          text,
          terms,
          prefixes: prefixesOf(terms),
          ...(introduction ? { introducedBy: introduction } : {}),
          ...(heading && heading.size > 0 ? { headingTerms: heading } : {}),
          ...(resumes && index === 0 && /^[\p{Ll}(]/u.test(text) ? { resumes } : {}),
        };
        heading = undefined;
        if (previous) previous.next = sentence;
        previous = sentence;
        sentences.push(sentence);
      });
    });
  });
  return { sentences, blocksOf };
}
