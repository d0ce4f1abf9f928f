// How a source is named in an answer: the book's title, then the page (PDF, by its label when
// it has one, with its outline section) or the chapter and section (EPUB, FB2, Markdown
// headings). A book without either is cited by title alone.
import type { Passage } from "@ai-library/shared/retrieval";
import type { Texts } from "../i18n/index.js";
import { TITLE_BUDGET } from "./limits.js";

export function shorten(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1).trimEnd()}…`;
}

export function bookTitle(passage: Pick<Passage, "title" | "file">): string {
  return shorten(passage.title.trim() || passage.file, TITLE_BUDGET);
}

/** Sections are cited beside a chapter or page: kept shorter than a book title. */
const SECTION_BUDGET = 80;

type Located = Pick<Passage, "page" | "pageEnd" | "pageLabel" | "pageLabelEnd" | "chapter" | "section" | "ocr">;

/**
 * "с. 12", "с. xii–xiv" (page labels, as the reader's viewer shows them), "с. 12, «4.3 …»" (with
 * the PDF outline section), "глава «…»" or "глава «…», «…»", each followed by "распознано OCR" for
 * text recognised from a scan; undefined when the passage has none of these.
 */
export function locationOf(passage: Located, texts: Texts): string | undefined {
  const where = placeOf(passage, texts);
  // A quote from a recognised page may hold recognition errors: the reader is told so.
  if (!passage.ocr) return where;
  return where ? `${where}, ${texts.ocrMark}` : texts.ocrMark;
}

function placeOf(passage: Located, texts: Texts): string | undefined {
  const section = passage.section?.trim() ? shorten(passage.section, SECTION_BUDGET) : undefined;
  const chapter = passage.chapter?.trim() ? shorten(passage.chapter, TITLE_BUDGET) : undefined;
  if (passage.page !== undefined) {
    const first = passage.pageLabel ?? String(passage.page);
    const last = passage.pageEnd !== undefined ? (passage.pageLabelEnd ?? String(passage.pageEnd)) : undefined;
    const pages = texts.page(first, last);
    const within = section ?? (chapter ? shorten(chapter, SECTION_BUDGET) : undefined);
    return within ? texts.inSection(pages, within) : pages;
  }
  if (chapter) return texts.chapter(chapter, section !== chapter ? section : undefined);
  if (section) return texts.chapter(section);
  return undefined;
}
