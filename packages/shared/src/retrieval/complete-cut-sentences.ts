// A chunk boundary falls wherever the splitter ran out of room, often mid-sentence. A passage
// that starts or ends mid-thought reads badly and may lose the words that answer the question,
// so the cut sentence is completed from the neighbouring chunk, within a character budget.

const SENTENCE_END = /[.!?…]["»”'’)\]]*(?=\s|$)/g;
const FIRST_SENTENCE_END = /[.!?…]["»”'’)\]]*(?=\s|$)/;
const ENDS_SENTENCE = /(?:[.!?…:]["»”'’)\]]*|\n\s*\n)\s*$/;

/** True when `before` (the text just in front of a passage) leaves a sentence unfinished. */
export function startsMidSentence(before: string): boolean {
  return before.trim() !== "" && !ENDS_SENTENCE.test(before);
}

export function endsMidSentence(text: string): boolean {
  return !ENDS_SENTENCE.test(text);
}

function cutAtWord(text: string, maxChars: number, fromEnd: boolean): string {
  if (text.length <= maxChars) return text;
  if (fromEnd) {
    const start = text.indexOf(" ", text.length - maxChars);
    return `…${text.slice(start >= 0 ? start + 1 : text.length - maxChars)}`;
  }
  const end = text.lastIndexOf(" ", maxChars);
  return `${text.slice(0, end > 0 ? end : maxChars)}…`;
}

/** The end of `before` from its last sentence (or paragraph) boundary, at most `maxChars`. */
export function unfinishedTail(before: string, maxChars: number): string {
  let from = Math.max(0, before.lastIndexOf("\n\n") + 2);
  for (const match of before.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (end < before.trimEnd().length) from = Math.max(from, end);
  }
  return cutAtWord(before.slice(from).trimStart(), maxChars, true);
}

/** The start of `after` up to its first sentence (or paragraph) end, at most `maxChars`. */
export function unfinishedHead(after: string, maxChars: number): string {
  const paragraph = after.indexOf("\n\n");
  const match = FIRST_SENTENCE_END.exec(after);
  const sentenceEnd = match ? match.index + match[0].length : after.length;
  const end = paragraph >= 0 ? Math.min(paragraph, sentenceEnd) : sentenceEnd;
  return cutAtWord(after.slice(0, end).trimEnd(), maxChars, false);
}
