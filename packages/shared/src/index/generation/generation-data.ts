// A generation's stored chunks and vectors, read from its files without loading any FAISS index:
// what a fold copies from (compact-generation.ts) and what an ingest run reuses unchanged books
// from (reusable-generation.ts). Loading the indexes only to read vectors that sit in the files
// anyway held the whole library in memory (1.5 GiB of FAISS at 1M chunks, where the work itself
// needs a few hundred MiB). Verified as a served generation is — manifest,
// every file's checksum, each docstore's rows, each flat file's header — except that FAISS
// itself does not read the index files: their checksums vouch for them.
import { closeSync, openSync, readSync } from "node:fs";
import { basename, join } from "node:path";
import type { Chunk } from "../../chunking/types.js";
import { type DocstoreReader, openDocstoreReader } from "./docstore.js";
import { IndexIntegrityError } from "./errors.js";
import { FLAT_IP_HEADER_BYTES, readFlatIpHeader } from "./faiss-flat-file.js";
import type { BookRecord, GenerationManifest } from "./manifest.js";
import { docstoreRowFaults, manifestAndFileFaults, type VerifyFault } from "./open-verified-generation.js";
import { type GenerationSegment, segmentsOf } from "./segments.js";
import { openVectorRows, type VectorRows, vectorsAt } from "./vector-rows.js";

export interface GenerationData {
  readonly id: string;
  readonly dir: string;
  readonly manifest: GenerationManifest;
  book(bookId: string): BookRecord | undefined;
  /** The book's chunks in order, under the file name the manifest gives it now. */
  chunksOfBook(bookId: string): Chunk[];
  vectorsOfBook(bookId: string): Float32Array[];
  close(): void;
}

interface DataSegment {
  segment: GenerationSegment;
  reader: DocstoreReader;
  rows: VectorRows;
}

export async function openGenerationData(dir: string): Promise<GenerationData> {
  const id = basename(dir);
  const { manifest, faults } = await manifestAndFileFaults(dir);
  const parts: DataSegment[] = [];
  const close = () => {
    for (const part of parts) {
      part.reader.close();
      part.rows.close();
    }
  };
  if (manifest && faults.length === 0) {
    const dims = manifest.embedder.dims;
    for (const segment of segmentsOf(manifest)) {
      faults.push(...flatHeaderFaults(dir, segment, dims));
      try {
        const reader = openDocstoreReader(join(dir, segment.docstore));
        parts.push({ segment, reader, rows: openVectorRows(dir, segment.vectors, dims) });
        faults.push(...docstoreRowFaults(reader, segment));
      } catch (error) {
        faults.push({ file: segment.docstore, fault: `docstore не читается: ${(error as Error).message}` });
      }
    }
  }
  if (!manifest || faults.length > 0) {
    close();
    throw new IndexIntegrityError(
      id,
      faults.map((fault) => (fault.file ? `${fault.file}: ${fault.fault}` : fault.fault)).join("; "),
      faults[0]?.file,
    );
  }
  const dims = manifest.embedder.dims;
  const partOfBook = new Map<string, DataSegment>();
  for (const part of parts) for (const book of part.segment.books) partOfBook.set(book.bookId, part);
  const books = new Map(manifest.books.map((book) => [book.bookId, book]));
  return {
    id,
    dir,
    manifest,
    book: (bookId) => books.get(bookId),
    chunksOfBook(bookId) {
      const part = partOfBook.get(bookId);
      const file = books.get(bookId)?.file;
      if (!part || file === undefined) return [];
      return part.reader.chunksOfBook(bookId).map((chunk) => (chunk.file === file ? chunk : { ...chunk, file }));
    },
    vectorsOfBook(bookId) {
      const part = partOfBook.get(bookId);
      const book = books.get(bookId);
      if (!part || !book) return [];
      return vectorsAt(part.rows, part.segment.layout.firstRowOf(book), book.chunkCount, dims);
    },
    close,
  };
}

/** A flat FAISS file's header agrees with the manifest (an IVF file is vouched for by its checksum alone). */
function flatHeaderFaults(dir: string, segment: GenerationSegment, dims: number): VerifyFault[] {
  if (segment.vectors.file !== segment.index) return [];
  const bytes = Buffer.alloc(FLAT_IP_HEADER_BYTES);
  const fd = openSync(join(dir, segment.index), "r");
  try {
    readSync(fd, bytes, 0, FLAT_IP_HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  const header = readFlatIpHeader(bytes);
  if (!header) return [{ file: segment.index, fault: "не плоский индекс FAISS (нет заголовка IxFI)" }];
  const faults: VerifyFault[] = [];
  if (header.ntotal !== segment.rows) {
    faults.push({ file: segment.index, fault: `в FAISS ${header.ntotal} векторов, а по манифесту ${segment.rows}` });
  }
  if (header.dims !== dims) {
    faults.push({ file: segment.index, fault: `размерность FAISS ${header.dims}, а у векторизатора ${dims}` });
  }
  return faults;
}
