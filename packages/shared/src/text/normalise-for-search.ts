// Puts text into the single form that indexing and querying both use, so that "Ёлка",
// "елка" and "ёл-\nка" (a PDF line-end hyphenation) all match each other.

const SOFT_HYPHEN = /\u00ad/g;
// A hyphen at a line end followed by a lower-case letter is a typesetting split; an
// upper-case continuation ("Санкт-\nПетербург") keeps its hyphen.
const LINE_END_HYPHENATION = /(\p{L})[-\u2010\u2011]\s*\r?\n\s*(?=\p{Ll})/gu;
const DIACRITIC_OR_MARK = /[\u00c0-\u024f\u1e00-\u1eff]|\p{M}/u;
/** Below this code unit nothing is a diacritic or a mark (ASCII, Latin-1 punctuation, «», §). */
const FIRST_CANDIDATE = 0xc0;
// Per BMP code unit: 0 not yet seen, 1 plain, 2 accented letter or combining mark. Filled
// lazily from DIACRITIC_OR_MARK, so the answer is the regex's own.
const bmpClass = new Uint8Array(0x10000);
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
  if (hasDiacritics(out)) {
    out = out
      .normalize("NFD")
      .replace(COMBINING_MARK, (mark) => (mark === BREVE ? mark : ""))
      .normalize("NFC");
  }
  return out;
}

/**
 * `DIACRITIC_OR_MARK.test(text)`, three times faster: every chunk of every book passes through
 * here twice while indexing (embedder and keyword index), and the Unicode regex was a third of
 * normalising Cyrillic text. One table lookup per character after the first sighting.
 */
export function hasDiacritics(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < FIRST_CANDIDATE) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair: astral combining marks exist (musical, Brahmi…); rare, so no table.
      if (DIACRITIC_OR_MARK.test(text.slice(i, i + 2))) return true;
      i++;
      continue;
    }
    let kind = bmpClass[code];
    if (kind === 0) {
      kind = DIACRITIC_OR_MARK.test(String.fromCharCode(code)) ? 2 : 1;
      bmpClass[code] = kind;
    }
    if (kind === 2) return true;
  }
  return false;
}
