// Cuts plain text into pieces of at most `limit` characters, preferring paragraph, then
// sentence, then word boundaries; only a single word longer than the limit is cut inside,
// and never between the two halves of a surrogate pair.
const sentenceSegmenter = new Intl.Segmenter("ru", { granularity: "sentence" });
const wordSegmenter = new Intl.Segmenter("ru", { granularity: "word" });

/** The first `limit` UTF-16 units of `text`, one less if that would split a surrogate pair. */
export function sliceWhole(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

function hardCut(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const piece = sliceWhole(rest, limit);
    pieces.push(piece);
    rest = rest.slice(piece.length);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Greedy packing of segments (which keep their own trailing spaces) into pieces ≤ limit. */
function pack(segments: string[], limit: number, finer: (segment: string) => string[]): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const segment of segments) {
    if (segment.length > limit) {
      if (current.trim()) pieces.push(current.trimEnd());
      current = "";
      pieces.push(...finer(segment));
      continue;
    }
    if ((current + segment).trimEnd().length > limit) {
      if (current.trim()) pieces.push(current.trimEnd());
      current = segment.trimStart();
    } else {
      current += segment;
    }
  }
  if (current.trim()) pieces.push(current.trimEnd());
  return pieces;
}

const segmentsOf = (segmenter: Intl.Segmenter, text: string) =>
  Array.from(segmenter.segment(text), (part) => part.segment);

const byWords = (text: string, limit: number) =>
  pack(segmentsOf(wordSegmenter, text), limit, (word) => hardCut(word, limit));

const bySentences = (text: string, limit: number) =>
  pack(segmentsOf(sentenceSegmenter, text), limit, (sentence) => byWords(sentence, limit));

export function splitPlainText(text: string, limit: number): string[] {
  if (text.length <= limit) return text.trim() ? [text] : [];
  const paragraphs = text.split(/(?<=\n\s*\n)/);
  return pack(paragraphs, limit, (paragraph) => bySentences(paragraph, limit));
}
