// Normalises extracted text so every format hands the chunker the same shape of text:
// plain spaces, "\n" line breaks, "\n\n" between paragraphs, no control characters.

// C0/C1 control characters except tab and line feed. They become spaces: PDFs with broken font
// encodings use them as word separators, and a space never glues two words together.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Soft hyphens, zero-width characters and BOMs: present in the bytes, absent from the text.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// Every other Unicode space (no-break, thin, ideographic...) becomes a plain space.
const ODD_SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// A word broken at a line end: "тек-\nста". Hyphen-minus or the Unicode hyphen.
const HYPHEN_BREAK = /(\p{L})[-\u2010][ ]*\n[ ]*(\p{L})/gu;

function joinHyphenatedWords(text: string): string {
  // A lowercase continuation is one word split by the typesetter ("тек-ста" → "текста");
  // an uppercase one is a real compound ("Санкт-Петербург") and keeps its hyphen.
  return text.replace(HYPHEN_BREAK, (_match, before: string, after: string) =>
    after === after.toLowerCase() && after !== after.toUpperCase() ? `${before}${after}` : `${before}-${after}`,
  );
}

export function cleanText(raw: string): string {
  const text = raw
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029\u0085]/g, "\n")
    .replace(CONTROLS, " ")
    .replace(INVISIBLE, "")
    .replace(ODD_SPACES, " ")
    .replace(/ {2,}/g, " ")
    .replace(/ *\n */g, "\n");
  return joinHyphenatedWords(text)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Letters and digits: what makes a section worth indexing (punctuation and page numbers alone are not). */
export function countWordCharacters(text: string): number {
  return text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
}
