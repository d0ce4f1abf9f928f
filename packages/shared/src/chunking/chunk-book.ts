// Splits a parsed book into overlapping chunks that remember where they came from:
// PDF chunks may span pages (page..pageEnd, with their labels); no chunk crosses a chapter or
// a section (EPUB/FB2/MD TOC entries, PDF outline entries).
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { BookSection, ParsedBook } from "../loaders/types.js";
import type { Chunk } from "./types.js";

export interface ChunkingOptions {
  chunkSize: number;
  chunkOverlap: number;
}

export interface BookIdentity {
  bookId: string;
  file: string;
}

/** Bump when the recipe changes, so the next ingest re-chunks instead of reusing old chunks. */
// v2: chunks carry section and page labels; EPUB chapters are split at TOC anchors.
// v3: PDF chunks end at outline sections; EPUB sections from contents pages printed in the book;
// table rows whose cells hold paragraphs stay on one line.
// v4: a PDF footnote mark set small and raised after a word is a superscript (".RData⁵", not ".RData5").
export const CHUNKER_VERSION = "recursive-v4";

const SEPARATORS = ["\n\n", "\n", ". ", "! ", "? ", "; ", ", ", " ", ""];

/** Where a PDF page begins inside a segment's text, and what the page is cited by. */
interface PageStart {
  offset: number;
  page: number;
  pageLabel?: string;
  ocr?: true;
}

interface Segment {
  text: string;
  chapter?: string;
  section?: string;
  pageStarts: PageStart[];
}

function pageStartOf(section: BookSection, offset: number, page: number): PageStart {
  return {
    offset,
    page,
    ...(section.pageLabel !== undefined ? { pageLabel: section.pageLabel } : {}),
    ...(section.ocr ? { ocr: section.ocr } : {}),
  };
}

/** Consecutive PDF pages of one chapter and section (or of none) form one segment; every other section is a segment of its own. */
function segmentsOf(sections: BookSection[]): Segment[] {
  const segments: Segment[] = [];
  let current: Segment | undefined;
  for (const section of sections) {
    const text = section.text.trim();
    if (text === "") continue;
    if (section.page !== undefined) {
      // A new outline section starts a new segment, so a chunk is cited by the one section it is in.
      if (
        !current ||
        current.pageStarts.length === 0 ||
        current.chapter !== section.chapter ||
        current.section !== section.section
      ) {
        current = {
          text: "",
          pageStarts: [],
          ...(section.chapter !== undefined ? { chapter: section.chapter } : {}),
          ...(section.section !== undefined ? { section: section.section } : {}),
        };
        segments.push(current);
      }
      // A single newline: a sentence often runs on to the next page, and "\n\n" would make
      // the splitter treat every page break as a paragraph break.
      if (current.text !== "") current.text += "\n";
      current.pageStarts.push(pageStartOf(section, current.text.length, section.page));
      current.text += text;
    } else {
      current = {
        text,
        pageStarts: [],
        ...(section.chapter ? { chapter: section.chapter } : {}),
        ...(section.section ? { section: section.section } : {}),
      };
      segments.push(current);
    }
  }
  return segments;
}

function pageStartAt(segment: Segment, offset: number): PageStart | undefined {
  let found: PageStart | undefined;
  for (const start of segment.pageStarts) {
    if (start.offset > offset) break;
    found = start;
  }
  return found;
}

/** True when any page the text from `start` to `end` touches was recognised by OCR. */
function touchesOcrPage(segment: Segment, start: number, end: number): boolean {
  return segment.pageStarts.some(
    (pageStart, index) =>
      pageStart.ocr === true &&
      pageStart.offset <= end &&
      (segment.pageStarts[index + 1]?.offset ?? Number.POSITIVE_INFINITY) > start,
  );
}

export async function chunkBook(book: ParsedBook, identity: BookIdentity, options: ChunkingOptions): Promise<Chunk[]> {
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: options.chunkSize,
    chunkOverlap: options.chunkOverlap,
    separators: SEPARATORS,
    keepSeparator: true,
  });
  const chunks: Chunk[] = [];
  for (const segment of segmentsOf(book.sections)) {
    const pieces = await splitter.splitText(segment.text);
    let cursor = 0;
    for (const piece of pieces) {
      const text = piece.trim();
      if (text === "") continue;
      // Pieces are substrings of the segment in order; find each one to map it to pages.
      const found = segment.text.indexOf(text, cursor);
      const start = found >= 0 ? found : cursor;
      cursor = start + 1;
      const first = pageStartAt(segment, start);
      const last = pageStartAt(segment, start + text.length - 1);
      const spansPages = first !== undefined && last !== undefined && last.page > first.page;
      const section = segment.section;
      chunks.push({
        bookId: identity.bookId,
        file: identity.file,
        title: book.title,
        ...(book.author ? { author: book.author } : {}),
        ...(first ? { page: first.page } : {}),
        ...(spansPages ? { pageEnd: last.page } : {}),
        ...(first?.pageLabel !== undefined ? { pageLabel: first.pageLabel } : {}),
        ...(spansPages && last.pageLabel !== undefined ? { pageLabelEnd: last.pageLabel } : {}),
        ...(segment.chapter ? { chapter: segment.chapter } : {}),
        ...(section ? { section } : {}),
        ...(touchesOcrPage(segment, start, start + text.length - 1) ? { ocr: true as const } : {}),
        position: chunks.length,
        text,
      });
    }
  }
  return chunks;
}
