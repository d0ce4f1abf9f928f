// Finds where an outline entry's heading stands in a page's text. Bookmark titles and printed
// headings differ in small ways (case, punctuation, "1 Лекция 1" printed for the bookmark
// "Лекция 1", "Chapter 1\nWelcome" for "Welcome"), so both sides are compared in a loose form.

/** Lowercase letters and digits separated by single spaces. */
export function matchForm(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// Numbering printed before a heading but often missing from its bookmark, or the other way round.
const NUMBERING = /^(?:(?:chapter|part|appendix|section|глава|часть|приложение|раздел) (?:\p{L} )?)?(?:\d+ )*/u;
export const stripNumbering = (form: string) => form.replace(NUMBERING, "");
/** A bookmark reduced to fewer characters than this ("1", "A") matches too much to be searched. */
const MIN_TITLE_FORM = 3;

const startsWithWords = (text: string, prefix: string) =>
  prefix.length >= MIN_TITLE_FORM && (text === prefix || text.startsWith(`${prefix} `));

/** Whether a line (with the line after it, for headings that wrap) opens with the title. */
export function startsWithTitle(line: string, nextLine: string | undefined, title: string): boolean {
  const text = matchForm(nextLine === undefined ? line : `${line} ${nextLine}`);
  const titleForm = matchForm(title);
  return startsWithWords(text, titleForm) || startsWithWords(stripNumbering(text), stripNumbering(titleForm));
}

export interface TextLine {
  offset: number;
  line: string;
}

/** The non-empty lines of a page with their offsets in its text. */
export function textLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    if (line.trim()) lines.push({ offset, line });
    offset += line.length + 1;
  }
  return lines;
}

/** Offset of the first line at or after `from` that opens with the title, or -1. */
export function findHeading(lines: TextLine[], title: string, from: number): number {
  for (const [index, { offset, line }] of lines.entries()) {
    if (offset >= from && startsWithTitle(line, lines[index + 1]?.line, title)) return offset;
  }
  return -1;
}
