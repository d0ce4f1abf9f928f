// What the outline tells the running-header pass. A line that opens an entry starting on its
// page is a heading to keep, even when similar lines open nearby pages ("2 Лекция 2"). An edge
// line made of the title of an entry the page lies in, then numbers and more outline titles
// ("CHAPTER 5. BOOTING THE INSTALLATION SYSTEM 5.3. BOOT PARAMETERS", "Chapter 9: Grouping,
// loops and conditional execution 44"), is a running head, even on the only page it is on.
import type { OutlineEntry } from "./outline-entries.js";
import { matchForm, startsWithTitle, stripNumbering } from "./outline-headings.js";
import { entriesByPage } from "./outline-sections.js";

export function outlineHeadingTest(
  entries: OutlineEntry[],
): (page: number, line: string, nextLine: string | undefined) => boolean {
  const byPage = entriesByPage(entries);
  return (page, line, nextLine) =>
    (byPage.get(page) ?? []).some((entry) => startsWithTitle(line, nextLine, entry.title));
}

/** For each entry, the index of the entry it is nested in, or -1 at the top level. */
function parentIndexes(entries: OutlineEntry[]): number[] {
  const open: number[] = [];
  return entries.map((entry, index) => {
    while (open.length > 0 && (entries[open.at(-1) ?? 0]?.depth ?? 0) >= entry.depth) open.pop();
    const parent = open.at(-1) ?? -1;
    open.push(index);
    return parent;
  });
}

/** Running heads cut long titles short: "CHAPTER 3. BEFORE INSTALLING DEBIAN … 3.2. BACK UP". */
const TRUNCATION = /…|\.\.\./;
/** A cut-short title must keep at least this many characters to be recognised. */
const MIN_TRUNCATED_FORM = 8;
const MIN_TITLE_FORM = 3;

const titleForm = (text: string) => stripNumbering(matchForm(text));
/** What may stand between and after the titles of a running head: section and page numbers. */
const isNumbersOnly = (form: string) => /^(?:(?:\d+|[ivxlc]+)(?: |$))*$/.test(form);

/** `form` without `title` at its start (whole words), or undefined when it does not start so. */
function afterTitle(form: string, title: string, cutShort: boolean): string | undefined {
  if (title.length < MIN_TITLE_FORM) return undefined;
  if (form === title) return "";
  if (form.startsWith(`${title} `)) return form.slice(title.length + 1);
  // The head's last words may be the start of a title the typesetter cut short.
  if (cutShort && form.length >= MIN_TRUNCATED_FORM && title.startsWith(`${form} `)) return "";
  return undefined;
}

/** Whether the text is a sequence of outline titles and numbers, nothing else. */
function isMadeOfTitles(segments: string[], titles: string[]): boolean {
  for (const [index, segment] of segments.entries()) {
    const cutShort = index < segments.length - 1;
    let rest = titleForm(segment);
    for (let guard = 0; rest !== "" && !isNumbersOnly(rest) && guard < 4; guard += 1) {
      const current = rest;
      const after = titles.map((title) => afterTitle(current, title, cutShort)).find((value) => value !== undefined);
      if (after === undefined) return false;
      rest = titleForm(after);
    }
    if (rest !== "" && !isNumbersOnly(rest)) return false;
  }
  return true;
}

export function outlineRunningHeadTest(entries: OutlineEntry[]): (page: number, line: string) => boolean {
  const parents = parentIndexes(entries);
  const titles = [...new Set(entries.map((entry) => titleForm(entry.title)))];
  // Entry indexes by start page, then outline order: the last one before a page is where it begins.
  const byStart = entries
    .map((_, index) => index)
    .sort((a, b) => {
      const [first, second] = [entries[a], entries[b]];
      return (first?.page ?? 0) - (second?.page ?? 0) || a - b;
    });
  const enclosingTitles = (page: number): string[] => {
    let low = 0;
    let high = byStart.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((entries[byStart[middle] ?? 0]?.page ?? 0) < page) low = middle + 1;
      else high = middle;
    }
    const enclosing: string[] = [];
    for (let index = byStart[low - 1] ?? -1; index >= 0; index = parents[index] ?? -1) {
      enclosing.push(titleForm(entries[index]?.title ?? ""));
    }
    return enclosing;
  };
  return (page, line) => {
    const [first = "", ...rest] = line.split(TRUNCATION);
    const form = titleForm(first);
    return enclosingTitles(page).some((title) => {
      const after = afterTitle(form, title, rest.length > 0);
      // A bare title is no proof: it may be a heading whose bookmark points to the foot of the
      // page before, or a later entry of the same name ("Лекция 23.04.2020" twice). A page
      // number, a section after the chapter or a cut-short title make it a running head.
      if (after === undefined || (after === "" && rest.length === 0)) return false;
      return isMadeOfTitles([after, ...rest], titles);
    });
  };
}
