// Writes one quote of an extractive answer: the sentence in quotation marks with its citation,
// then what it introduces. Commands and code go between Markdown fences (```), exactly as the
// book has them, so the bot can show them as <pre> and the terminal can print them as they
// are; list items and table rows follow line by line.
import { SUPERSCRIPT_DIGITS } from "../text/superscript-digits.js";
import type { AnswerPhrases } from "./answer-phrases.js";
import type { PassageBlock } from "./passage-blocks.js";

const CODE_FENCE = "```";

// A page or paragraph number glued before a sentence ("195 Copying…", "1Для подключения…"),
// or a section number left from a heading ("4.5.2 Copying…"): not the book's words.
// A list item's own number ("4. To quit…") is dropped too: the quote is one sentence, not a list.
const LEADING_NUMBERS =
  /^(?:\d{1,4}\s+)?(?:\d{1,3}(?:\.\d{1,3})+\.?\s+|\d{1,2}[.)]\s+)?(?=\p{Lu})|^\d{1,2}(?=\p{Lu}\p{Ll})/u;

function withoutLeadingNumbers(sentence: string): string {
  const stripped = sentence.replace(LEADING_NUMBERS, "");
  return stripped.length >= 12 ? stripped : sentence;
}

// The book's footnote references ("…version 3.4+b2. [2]"): in a quote they would read as one
// of the answer's own citations [n].
// So are superscript marks ("…полезен пакет pbuilder ⁵.", ".RData⁵"): the footnote is not quoted.
// An exponent after a short symbol stays ("mc²", "km²").
const FOOTNOTE_MARKS = new RegExp(
  String.raw`(?:^\[\d{1,3}\]\s*|\s*\[\d{1,3}\](?=[\s.,;:!?]|$)|(?:\s|(?<=[\p{L}\p{N}]{3}))[${SUPERSCRIPT_DIGITS}]+(?=[\s.,;:!?)]|$))`,
  "gu",
);

function withoutFootnoteMarks(sentence: string): string {
  const stripped = sentence.replace(FOOTNOTE_MARKS, "").trim();
  return stripped.length >= 12 ? stripped : sentence;
}

function fencedCode(code: string): string {
  return `${CODE_FENCE}\n${code}\n${CODE_FENCE}`;
}

function blockLines(block: PassageBlock): string {
  if (block.kind === "code") return fencedCode(block.text);
  // Wrapped lines of a list item or paragraph read as one line.
  if (block.kind === "list" || block.kind === "prose") return block.text.replace(/\s*\n\s*/g, " ");
  return block.text;
}

export function formatQuote(
  sentence: string,
  isCode: boolean,
  followOn: readonly PassageBlock[],
  citation: number,
  phrases: AnswerPhrases,
): string {
  const lines = isCode
    ? [`[${citation}]`, fencedCode(sentence)]
    : [
        `${phrases.openQuote}${withoutLeadingNumbers(withoutFootnoteMarks(sentence))}${phrases.closeQuote} [${citation}]`,
      ];
  for (const block of followOn) lines.push(blockLines(block));
  return lines.join("\n");
}

/** The answer text without code fences, for a terminal or for comparing words. */
export function withoutCodeFences(text: string): string {
  return text.replace(/^```[^\n]*\n?/gm, "");
}
