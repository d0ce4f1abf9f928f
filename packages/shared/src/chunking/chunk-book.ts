// Splits a parsed book into overlapping chunks that remember where they came from:
// PDF chunks may span pages (page..pageEnd), EPUB/FB2/MD chunks never cross a chapter.
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
export const CHUNKER_VERSION = "recursive-v1";

const SEPARATORS = ["\n\n", "\n", ". ", "! ", "? ", "; ", ", ", " ", ""];

interface Segment {
  text: string;
  chapter?: string;
  /** Start offset of each page inside `text`, for PDFs. */
  pageStarts: { offset: number; page: number }[];
}

/** Consecutive PDF pages form one segment; every chapter is a segment of its own. */
function segmentsOf(sections: BookSection[]): Segment[] {
  const segments: Segment[] = [];
  let current: Segment | undefined;
  for (const section of sections) {
    const text = section.text.trim();
    if (text === "") continue;
    if (section.page !== undefined && section.chapter === undefined) {
      if (!current || current.chapter !== undefined || current.pageStarts.length === 0) {
        current = { text: "", pageStarts: [] };
        segments.push(current);
      }
      // A single newline: a sentence often runs on to the next page, and "\n\n" would make
      // the splitter treat every page break as a paragraph break.
      if (current.text !== "") current.text += "\n";
      current.pageStarts.push({ offset: current.text.length, page: section.page });
      current.text += text;
    } else {
      current = { text, pageStarts: [], ...(section.chapter ? { chapter: section.chapter } : {}) };
      if (section.page !== undefined) current.pageStarts.push({ offset: 0, page: section.page });
      segments.push(current);
    }
  }
  return segments;
}

function pageAt(segment: Segment, offset: number): number | undefined {
  let page: number | undefined;
  for (const start of segment.pageStarts) {
    if (start.offset > offset) break;
    page = start.page;
  }
  return page;
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
      const page = pageAt(segment, start);
      const pageEnd = pageAt(segment, start + text.length - 1);
      chunks.push({
        bookId: identity.bookId,
        file: identity.file,
        title: book.title,
        ...(book.author ? { author: book.author } : {}),
        ...(page !== undefined ? { page } : {}),
        ...(pageEnd !== undefined && page !== undefined && pageEnd > page ? { pageEnd } : {}),
        ...(segment.chapter ? { chapter: segment.chapter } : {}),
        position: chunks.length,
        text,
      });
    }
  }
  return chunks;
}
