// Names the outline (bookmark) entry each stretch of PDF text falls under. A page takes the
// innermost entry that started on or before it; a page on which entries start is cut at their
// headings when they can be found, so the text above a heading keeps the entry before it.
import type { BookSection } from "../types.js";
import type { OutlineEntry } from "./outline-entries.js";
import { findHeading, textLines } from "./outline-headings.js";

export interface PdfPageText {
  page: number;
  text: string;
  pageLabel?: string;
  /** The text was recognised by OCR. */
  ocr?: true;
}

interface Piece {
  text: string;
  section: string | undefined;
}

/** Entries by the page they start on, each list in document order (parents before children). */
export function entriesByPage(entries: OutlineEntry[]): Map<number, OutlineEntry[]> {
  const byPage = new Map<number, OutlineEntry[]>();
  for (const entry of entries) byPage.set(entry.page, [...(byPage.get(entry.page) ?? []), entry]);
  return byPage;
}

function splitAtHeadings(text: string, onPage: OutlineEntry[], previous: string | undefined): Piece[] {
  const last = onPage.at(-1);
  if (!last) return [{ text, section: previous }];
  const lines = textLines(text);
  const cuts: { offset: number; title: string; rank: number }[] = [];
  for (const [rank, entry] of onPage.entries()) {
    // Headings stand in outline order: each one is searched below the one found before it.
    const offset = findHeading(lines, entry.title, (cuts.at(-1)?.offset ?? -1) + 1);
    if (offset >= 0) cuts.push({ offset, title: entry.title, rank });
  }
  // A heading followed at once by the next one ("1 Introduction" over "1.1 The R environment")
  // has no text of its own: it goes with the innermost entry, whose text follows.
  for (let index = cuts.length - 2; index >= 0; index -= 1) {
    const [cut, following] = [cuts[index], cuts[index + 1]];
    if (cut && following && textLines(text.slice(cut.offset, following.offset)).length <= 1) {
      following.offset = cut.offset;
      following.rank = cut.rank;
      cuts.splice(index, 1);
    }
  }
  const first = cuts[0];
  // No heading found: the page is cited under the entry it ends in.
  if (!first) return [{ text, section: last.title }];
  // Above the first heading found: an entry of this page that comes before it in the outline
  // (its heading printed in a form we did not recognise) most likely starts there; else the
  // entry of the pages before goes on.
  const leading = first.rank > 0 ? onPage[first.rank - 1]?.title : previous;
  return [
    { text: text.slice(0, first.offset), section: leading },
    ...cuts.map((cut, index) => ({ text: text.slice(cut.offset, cuts[index + 1]?.offset), section: cut.title })),
  ];
}

/**
 * One section per page, or several with the same `page` when outline headings cut the page;
 * pages left empty are dropped. `chapter` stays unset: for chunking it is a hard break.
 */
export function sectionsFromPages(pages: PdfPageText[], entries: OutlineEntry[]): BookSection[] {
  const byPage = entriesByPage(entries);
  const startPages = [...byPage.keys()].sort((a, b) => a - b);
  let next = 0;
  let current: string | undefined;
  const sections: BookSection[] = [];
  for (const { page, text, pageLabel, ocr } of pages) {
    // Entries of the pages before this one, empty pages included, decide where it begins.
    for (let start = startPages[next]; start !== undefined && start < page; start = startPages[++next]) {
      current = byPage.get(start)?.at(-1)?.title ?? current;
    }
    const onPage = byPage.get(page) ?? [];
    const pieces: Piece[] = [];
    for (const piece of splitAtHeadings(text, onPage, current)) {
      const trimmed = piece.text.trim();
      const before = pieces.at(-1);
      if (!trimmed) continue;
      if (before && before.section === piece.section) before.text += `\n${trimmed}`;
      else pieces.push({ text: trimmed, section: piece.section });
    }
    for (const piece of pieces) {
      sections.push({
        page,
        text: piece.text,
        ...(pageLabel ? { pageLabel } : {}),
        ...(piece.section ? { section: piece.section } : {}),
        ...(ocr ? { ocr } : {}),
      });
    }
  }
  return sections;
}
