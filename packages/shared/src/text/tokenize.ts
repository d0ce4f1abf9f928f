// Splits text into words: maximal runs of Unicode letters, digits and combining marks
// (the same as /[\p{L}\p{N}\p{M}]+/gu). Punctuation, spaces and symbols separate words;
// "PDF.js" gives "PDF" and "js". A char-code scanner with fast paths for ASCII, Latin-1/
// Latin Extended and Cyrillic, because indexing runs this over every chunk of every book.

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/** ¹²³ and ⁰…⁹, ₀…₉: footnote markers and exponents, never part of the word they follow ("RData⁵"). */
function isSuperOrSubscript(code: number): boolean {
  return code === 0xb2 || code === 0xb3 || code === 0xb9 || (code >= 0x2070 && code <= 0x209f);
}

function isWordCodePoint(code: number): boolean {
  if (code < 0x80)
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  if (code >= 0x0400 && code <= 0x0481) return true; // Cyrillic letters
  if (code >= 0xc0 && code <= 0x24f) return code !== 0xd7 && code !== 0xf7; // Latin letters except × ÷
  return !isSuperOrSubscript(code) && WORD_CHAR.test(String.fromCodePoint(code));
}

export function tokenize(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      code = text.codePointAt(i) ?? code;
      width = 2;
    }
    if (isWordCodePoint(code)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(text.slice(start, i));
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) words.push(text.slice(start));
  return words;
}
