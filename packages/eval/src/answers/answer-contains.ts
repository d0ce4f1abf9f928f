// Whether an answer's text holds the expected command, number or phrase. Both sides are
// normalised the same way: Markdown fences, backticks and every kind of quote dropped (the
// answer wraps its quotes in «» or “”), Unicode dashes made "-", soft hyphens removed,
// whitespace runs made one space. Prose
// is compared without case; code keeps its exact characters ("-B" is not "-b").

export type MatchKind = "code" | "prose";

const QUOTES = /[«»“”„‟"'‘’‚‛`´]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

export function normaliseForContainment(text: string, match: MatchKind): string {
  const plain = text
    .replace(/```[^\n]*\n?/g, " ")
    .replace(/\u00AD/g, "")
    .replace(QUOTES, "")
    .replace(DASHES, "-")
    .replace(/\s+/g, " ")
    .trim();
  return match === "prose" ? plain.toLowerCase() : plain;
}

export function answerContains(answer: string, expected: string, match: MatchKind): boolean {
  const needle = normaliseForContainment(expected, match);
  return needle.length > 0 && normaliseForContainment(answer, match).includes(needle);
}
