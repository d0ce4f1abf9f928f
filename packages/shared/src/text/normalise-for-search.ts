// Puts text into the single form that indexing and querying both use, so that "Ёлка",
// "елка" and "ёл-\nка" (a PDF line-end hyphenation) all match each other.

const SOFT_HYPHEN = /\u00ad/g;
// A hyphen at a line end followed by a lower-case letter is a typesetting split; an
// upper-case continuation ("Санкт-\nПетербург") keeps its hyphen.
const LINE_END_HYPHENATION = /(\p{L})[-\u2010\u2011]\s*\r?\n\s*(?=\p{Ll})/gu;
const HAS_DIACRITICS = /[\u00c0-\u024f\u1e00-\u1eff]|\p{M}/u;
const COMBINING_MARK = /\p{M}/gu;
// U+0306 (breve) is kept so that "й" survives NFC recomposition; "ё" is folded to "е" earlier.
const BREVE = "\u0306";

/** Joins hyphenated line breaks and drops soft hyphens, keeping case and other line breaks. */
export function joinHyphenation(text: string): string {
  // The checks skip two Unicode regex passes on the (common) text that needs neither.
  let out = text.includes("\u00ad") ? text.replace(SOFT_HYPHEN, "") : text;
  if (out.includes("\n")) out = out.replace(LINE_END_HYPHENATION, "$1");
  return out;
}

/** Case-folds, maps ё→е, strips Latin diacritics (café→cafe), joins hyphenated line breaks. */
export function normaliseForSearch(text: string): string {
  let out = joinHyphenation(text).toLowerCase();
  if (out.includes("ё")) out = out.replace(/ё/g, "е");
  if (HAS_DIACRITICS.test(out)) {
    out = out
      .normalize("NFD")
      .replace(COMBINING_MARK, (mark) => (mark === BREVE ? mark : ""))
      .normalize("NFC");
  }
  return out;
}
