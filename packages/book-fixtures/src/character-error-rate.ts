// Character error rate of recognised text against the text it was made from: edit distance over
// the length of the truth, after both are brought to one shape (whitespace runs as one space,
// hyphenation at line ends joined, typographic quotes and dashes as their plain forms), since
// layout is not what OCR quality is about.
import { distance } from "fastest-levenshtein";

export function normaliseForCer(text: string): string {
  return text
    .replace(/(\p{L})[-\u2010\u00AD]\s*\n\s*(\p{Ll})/gu, "$1$2")
    .replace(/[«»„“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[‐‑‒–—]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

export function characterErrorRate(recognised: string, truth: string): number {
  const expected = normaliseForCer(truth);
  if (expected.length === 0) throw new Error("characterErrorRate: the truth is empty");
  return distance(normaliseForCer(recognised), expected) / expected.length;
}
