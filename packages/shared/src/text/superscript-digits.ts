// Superscript digits: how a footnote mark reads once the PDF loader has recognised it
// (".RData⁵"), and what quotes and passage reading must tell apart from the book's words.

/** ⁰…⁹, in digit order: SUPERSCRIPT_DIGITS[d] is the superscript of digit d. */
export const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** The superscript form of a string of ASCII digits ("12" → "¹²"). */
export function toSuperscript(digits: string): string {
  return [...digits].map((digit) => SUPERSCRIPT_DIGITS[Number(digit)] ?? digit).join("");
}
