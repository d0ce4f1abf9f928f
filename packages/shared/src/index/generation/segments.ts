// A generation's segments. A generation built whole is one segment: index.faiss, docstore.bin
// (docstore.sqlite before 2026-12-07) and keywords.bin. A generation derived from the live one
// (issue 22) keeps the live one's segments as they are — hard links, never rewritten — and adds
// one segment for the books this run added, so a publish costs what changed, not the library. A removed book's rows stay in
// its segment's files, unlisted: no book of the manifest covers them, and search skips them.
// Labels never repeat across segments (each new book takes labels past every earlier one).

import { DOCSTORE_FILE, SQLITE_DOCSTORE_FILE } from "./docstore.js";
import { FLAT_IP_HEADER_BYTES } from "./faiss-flat-file.js";
import { type LabelLayout, labelLayout } from "./label-layout.js";
import { type BookRecord, type GenerationManifest, readManifest } from "./manifest.js";

export const INDEX_FILE = "index.faiss";

export interface SegmentFiles {
  id: string;
  index: string;
  docstore: string;
  keywords?: string;
  rows: number;
  /** One past the highest label the segment holds, removed books' included. */
  labelEnd: number;
}

export interface GenerationSegment extends SegmentFiles {
  /** Where the segment's raw float32 vectors are (the flat FAISS file past its header, or vectors.f32). */
  vectors: { file: string; offset: number };
  /** The manifest's books held by this segment, each with the row its chunks start at. */
  books: BookRecord[];
  layout: LabelLayout;
  /** Rows no listed book covers (removed since the segment was written). */
  deadRows: number;
}

/** The id of the one segment a generation built whole consists of. */
export const WHOLE_SEGMENT = "main";

export function segmentsOf(manifest: GenerationManifest): GenerationSegment[] {
  if (!manifest.segments) {
    const files: SegmentFiles = {
      id: WHOLE_SEGMENT,
      index: INDEX_FILE,
      // The manifest lists every file with its checksum: the one present says the format.
      docstore: manifest.files[DOCSTORE_FILE] ? DOCSTORE_FILE : SQLITE_DOCSTORE_FILE,
      ...(manifest.keywordIndex?.file ? { keywords: manifest.keywordIndex.file } : {}),
      rows: manifest.chunkCount,
      labelEnd: manifest.books.reduce((end, book) => Math.max(end, book.firstLabel + book.chunkCount), 0),
    };
    const layout = labelLayout(manifest.books);
    const books = manifest.books.map((book) => ({ ...book, row: layout.firstRowOf(book) }));
    return [{ ...files, vectors: manifest.vectors, books, layout, deadRows: 0 }];
  }
  return manifest.segments.map((files) => {
    const books = manifest.books.filter((book) => book.segment === files.id);
    const live = books.reduce((sum, book) => sum + book.chunkCount, 0);
    return {
      ...files,
      vectors: { file: files.index, offset: FLAT_IP_HEADER_BYTES },
      books,
      layout: labelLayout(books),
      deadRows: files.rows - live,
    };
  });
}

/** Faults in how the manifest places books in segments; empty when consistent. */
export function segmentFaults(manifest: GenerationManifest): string[] {
  if (!manifest.segments) return [];
  const faults: string[] = [];
  const ids = new Set(manifest.segments.map((segment) => segment.id));
  for (const book of manifest.books) {
    if (!book.segment || !ids.has(book.segment) || book.row === undefined) {
      faults.push(`книга ${book.file} не привязана к сегменту поколения`);
    }
  }
  for (const segment of segmentsOf(manifest)) {
    const spans = [...segment.books].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    let end = 0;
    for (const book of spans) {
      const row = book.row ?? 0;
      if (row < end || row + book.chunkCount > segment.rows) {
        faults.push(`строки книги ${book.file} выходят за сегмент ${segment.id} или пересекаются с другой книгой`);
      }
      end = row + book.chunkCount;
    }
  }
  return faults;
}

/**
 * The segment a generation's own publish wrote: the last one (a generation built whole has only
 * one). Its files belong to this generation alone; the others are shared with its predecessors.
 */
export function ownSegment(manifest: GenerationManifest): GenerationSegment {
  return segmentsOf(manifest).at(-1) as GenerationSegment;
}

/** ownSegment of the generation in `dir`, read from its manifest; throws when it cannot be read. */
export function ownSegmentOf(generationDir: string): GenerationSegment {
  const read = readManifest(generationDir);
  if (!read.ok) throw new Error(`${generationDir}: ${read.fault}`);
  return ownSegment(read.manifest);
}
