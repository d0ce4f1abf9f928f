// Keeps <pre> text as written through cleanText, which is made for running prose: it folds
// runs of spaces, trims line starts and joins "word-\nword" across lines. In code that would
// drop indentation and glue a line ending in "-" to the next. Line breaks and leading
// indentation inside <pre> travel as private-use characters (which no book text carries after
// htmlToText's replacement) and are put back after cleaning.

const PRE_SPACE = "\uE002";
const PRE_NEWLINE = "\uE003";
const TAB_WIDTH = 4;

/** Characters of book text that would be mistaken for the markers. */
export const PRE_MARKERS = /[\uE002\uE003]/g;

export interface PreState {
  /** True at the start of a line inside <pre>: spaces there are indentation. */
  atLineStart: boolean;
}

export function protectPreformatted(text: string, state: PreState): string {
  let out = "";
  for (const char of text) {
    if (char === "\n") {
      out += PRE_NEWLINE;
      state.atLineStart = true;
    } else if (state.atLineStart && (char === " " || char === "\t")) {
      out += char === "\t" ? PRE_SPACE.repeat(TAB_WIDTH) : PRE_SPACE;
    } else {
      if (char !== "\r") state.atLineStart = false;
      out += char === "\r" ? "" : char;
    }
  }
  return out;
}

/** After cleanText: markers back to spaces and line breaks, trailing blanks and extra blank lines removed. */
export function restorePreformatted(cleaned: string): string {
  if (!cleaned.includes(PRE_SPACE) && !cleaned.includes(PRE_NEWLINE)) return cleaned;
  return cleaned
    .replaceAll(PRE_SPACE, " ")
    .replaceAll(PRE_NEWLINE, "\n")
    .replace(/[ ]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\s+$/g, "");
}
