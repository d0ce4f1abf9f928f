// Sentence splitting with Intl.Segmenter (ICU rules, knows that "г. он" does not end a
// sentence) plus a merge step for abbreviations ICU does not know. PDF text is wrapped at
// line ends, so single line breaks are joined first; blank lines still separate paragraphs.
import type { Language } from "./language.js";
import { joinHyphenation } from "./normalise-for-search.js";
import { endsWithAbbreviation } from "./sentence-abbreviations.js";

const segmenters = new Map<Language, Intl.Segmenter>();

function segmenterFor(lang: Language): Intl.Segmenter {
  let segmenter = segmenters.get(lang);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(lang, { granularity: "sentence" });
    segmenters.set(lang, segmenter);
  }
  return segmenter;
}

export function splitSentences(text: string, lang: Language): string[] {
  const unwrapped = joinHyphenation(text)
    .replace(/[ \t]*\r?\n(?:[ \t]*\r?\n)+[ \t]*/g, "\n\n")
    .replace(/([^\n])[ \t]*\r?\n[ \t]*(?=[^\n])/g, "$1 ");
  const sentences: string[] = [];
  let pending = "";
  let glued = false;
  for (const { segment } of segmenterFor(lang).segment(unwrapped)) {
    const paragraphEnd = /\n\s*$/.test(segment);
    const text = segment.replace(/\s+/g, " ").trim();
    pending = pending ? `${pending}${glued ? "" : " "}${text}` : text;
    // ICU also breaks inside a token: "from file .RData in…" → "from file ." + "RData in…".
    // A real full stop is followed by a space; without one the next segment goes on the word.
    // (Only ".": "。" ends a Japanese sentence with no space after it.)
    glued = /\.$/.test(segment);
    if (!pending || glued || (!paragraphEnd && endsWithAbbreviation(pending))) continue;
    sentences.push(pending);
    pending = "";
  }
  if (pending) sentences.push(pending);
  return sentences;
}
