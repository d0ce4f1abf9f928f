/** Where a chunk came from, enough to cite it: book, page range or chapter, position. */
export interface ChunkSource {
  /** Content hash (sha256 hex) of the book file: stable across renames. */
  bookId: string;
  title: string;
  author?: string;
  /** File path relative to BOOKS_DIR. */
  file: string;
  page?: number;
  pageEnd?: number;
  chapter?: string;
  /** Innermost table-of-contents entry (or PDF outline entry) holding the chunk; see BookSection.section. */
  section?: string;
  /** Page labels of page and pageEnd as the reader's viewer shows them, when they differ from the numbers. */
  pageLabel?: string;
  pageLabelEnd?: string;
  /** Text of a page recognised by OCR: a quote may hold recognition errors. */
  ocr?: true;
  /** 0-based order of the chunk within its book. */
  position: number;
}

export interface Chunk extends ChunkSource {
  text: string;
}
