// Removes running headers and footers (the book or chapter title, "Page 12 of 300", a lone page
// number) from PDF page text, so quotes do not start with "195 4.5.2 Copying…". A line at the top
// or bottom of a page is a running header when lines like it (digits aside) sit at the same edge
// of nearby pages; a lone page number or label is one wherever it stands at an edge.

export interface PageTextForHeaders {
  page: number;
  /** The viewer's label of the page when it differs from the page number. */
  label?: string;
  text: string;
}

export interface RunningHeaderOptions {
  /** Lines never to remove, e.g. an outline heading that happens to open several pages. */
  isHeading?: (page: number, line: string, nextLine: string | undefined) => boolean;
  /** Lines known to be running heads even if they appear once, e.g. naming the current chapter. */
  isKnownHead?: (page: number, line: string) => boolean;
}

/** How many non-empty lines at the top and at the bottom of a page may be running headers. */
const EDGE_LINES = 2;
/** Shorter documents have too few pages to tell a running header from repeated content. */
const MIN_PAGES_FOR_REPEATS = 6;
/** A line is a running header when it sits at the same edge of at least MIN_NEIGHBOURS pages
 * among the WINDOW pages before and after it: dense enough for a chapter's running head
 * (often on every other page), too sparse for a phrase that opens a page now and then. */
const WINDOW = 5;
const MIN_NEIGHBOURS = 2;
/** When this share of pages carry their own number in a line at one edge, the book prints its
 * running heads that way, and a line there with the page's number is one even if it is the only
 * one of its kind (the head of a two-page chapter appears once, its opening page has none). */
const NUMBERED_HEADS_SHARE = 0.3;

const ROMAN = "m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})";
const LEADING_ROMAN = new RegExp(`^${ROMAN}(?= |$)`);
const TRAILING_ROMAN = new RegExp(`(?<=^| )${ROMAN}$`);

/** The line with page numbers (arabic anywhere, roman at either end) replaced by "#". */
function runningLineKey(line: string): string {
  const key = line.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return key.replace(LEADING_ROMAN, "#").replace(TRAILING_ROMAN, "#").replace(/\d+/g, "#");
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// A page with a label of its own prints the label, not its position in the file ("5" on the
// page labelled "v" is a table-of-contents entry, not a page number).
const numberPattern = (page: number, label: string | undefined) => escapeRegExp(label ?? String(page));
const PAGE_WORD = "(?:(?:page|p\\.|стр\\.?|страница|с\\.)\\s*)?";
const OF_TOTAL = "(?:\\s*(?:of|из|/)\\s*\\d+)?";

/** "12", "- 12 -", "Page 12", "Page 12 of 300", "12 / 300", "стр. 12", with 12 the page's label or number. */
export function isPageNumberLine(line: string, page: number, label: string | undefined): boolean {
  const number = numberPattern(page, label);
  return new RegExp(`^[-–—]?\\s*${PAGE_WORD}(?:${number})${OF_TOTAL}\\s*[-–—]?$`, "iu").test(line.trim());
}

/** "Chapter 9: Grouping, loops and conditional execution 44" on the page labelled 44. */
function carriesPageNumber(line: string, page: number, label: string | undefined): boolean {
  const number = numberPattern(page, label);
  return new RegExp(`^${PAGE_WORD}(?:${number})\\s|\\s${PAGE_WORD}(?:${number})${OF_TOTAL}$`, "iu").test(line.trim());
}

interface PageLines {
  page: number;
  label?: string;
  lines: string[];
  top: number[];
  bottom: number[];
}

function splitPage({ page, label, text }: PageTextForHeaders): PageLines {
  const lines = text.split("\n");
  const filled = lines.flatMap((line, index) => (line.trim() ? [index] : []));
  return {
    page,
    ...(label ? { label } : {}),
    lines,
    top: filled.slice(0, EDGE_LINES),
    bottom: filled.slice(-EDGE_LINES).reverse(),
  };
}

const keyOf = (line: string, edge: "top" | "bottom") => `${edge}:${runningLineKey(line)}`;

/** Pages (ascending, each once) on which each edge key occurs. */
function pagesByKey(pages: PageLines[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const page of pages) {
    for (const [edge, indexes] of [["top", page.top] as const, ["bottom", page.bottom] as const]) {
      for (const index of indexes) {
        const key = keyOf(page.lines[index] ?? "", edge);
        const list = byKey.get(key) ?? [];
        if (list.at(-1) !== page.page) list.push(page.page);
        byKey.set(key, list);
      }
    }
  }
  return byKey;
}

function firstIndexAtLeast(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function neighboursWithKey(pagesWithKey: number[] | undefined, page: number): number {
  if (!pagesWithKey) return 0;
  const from = firstIndexAtLeast(pagesWithKey, page - WINDOW);
  const to = firstIndexAtLeast(pagesWithKey, page + WINDOW + 1);
  return to - from - 1; // minus the page itself, which is always in the list
}

/** Page texts without their running headers and footers, in the order given (pages ascending). */
/** Whether the book prints page numbers inside the lines at that edge of its pages. */
function hasNumberedHeads(pages: PageLines[], edge: "top" | "bottom"): boolean {
  if (pages.length < MIN_PAGES_FOR_REPEATS) return false;
  const numbered = pages.filter((page) =>
    page[edge].some((index) => carriesPageNumber(page.lines[index] ?? "", page.page, page.label)),
  );
  return numbered.length >= pages.length * NUMBERED_HEADS_SHARE;
}

export function removeRunningHeaders(pages: PageTextForHeaders[], options: RunningHeaderOptions = {}): string[] {
  const split = pages.map(splitPage);
  const byKey = pages.length >= MIN_PAGES_FOR_REPEATS ? pagesByKey(split) : new Map<string, number[]>();
  const numberedHeads = { top: hasNumberedHeads(split, "top"), bottom: hasNumberedHeads(split, "bottom") };
  return split.map((page) => {
    const isHeader = (index: number, edge: "top" | "bottom") => {
      const line = page.lines[index] ?? "";
      if (isPageNumberLine(line, page.page, page.label)) return true;
      // Before the heading test: "APPENDIX A. INSTALLATION HOWTO A.3. INSTALLATION" names the
      // appendix the page lies in, though it also ends like the heading "A.3 Installation".
      if (options.isKnownHead?.(page.page, line)) return true;
      const numbered = numberedHeads[edge] && carriesPageNumber(line, page.page, page.label);
      const repeated = neighboursWithKey(byKey.get(keyOf(line, edge)), page.page) >= MIN_NEIGHBOURS;
      if (!numbered && !repeated) return false;
      const next = page.lines.slice(index + 1).find((candidate) => candidate.trim());
      return !options.isHeading?.(page.page, line, next);
    };
    // From each edge inwards: a header below a line of body text is body text.
    const removed = new Set<number>();
    for (const index of page.top) {
      if (!isHeader(index, "top")) break;
      removed.add(index);
    }
    for (const index of page.bottom) {
      if (removed.has(index) || !isHeader(index, "bottom")) break;
      removed.add(index);
    }
    if (removed.size === 0) return page.lines.join("\n");
    return page.lines
      .filter((_, index) => !removed.has(index))
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  });
}
