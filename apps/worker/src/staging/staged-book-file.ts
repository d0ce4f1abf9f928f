// The on-disk form of one prepared book between its child job and the run's publish step:
// <bookId>.f32 (raw float32 vectors, row after row) and <bookId>.json (record, chunks and the
// book's keyword postings).
// The JSON is written last, each file atomically, so a JSON that exists is a complete book.
import { bookRecordSchema } from "@ai-library/shared/index";
import { z } from "zod";
import { omit } from "zod/mini";

// Chunks gained section/pageLabel/pageLabelEnd (and ocr) without a bump: the fields are optional, and
// books staged by an older chunker sit under another fingerprint (it includes CHUNKER_VERSION).
export const STAGED_FORMAT_VERSION = 1;

const chunkSchema = z.object({
  bookId: z.string(),
  title: z.string(),
  author: z.string().optional(),
  file: z.string(),
  page: z.number().int().optional(),
  pageEnd: z.number().int().optional(),
  chapter: z.string().optional(),
  section: z.string().optional(),
  pageLabel: z.string().optional(),
  pageLabelEnd: z.string().optional(),
  ocr: z.literal(true).optional(),
  position: z.number().int().nonnegative(),
  text: z.string(),
});

export const stagedBookMetaSchema = z.object({
  v: z.literal(STAGED_FORMAT_VERSION),
  /** The settings fingerprint of the staging folder, repeated so a moved file is caught. */
  fingerprint: z.string(),
  dims: z.number().int().positive(),
  /** The manifest's book record before publish gives it a chunk count and first label. */
  record: omit(bookRecordSchema, { chunkCount: true, firstLabel: true, segment: true, row: true }),
  chunks: z.array(chunkSchema),
  /** The book's keyword postings (book-postings.ts); absent in books staged before they were. */
  postings: z
    .object({
      terms: z.array(z.string()),
      ends: z.array(z.number().int().nonnegative()),
      rows: z.array(z.number().int().nonnegative()),
      counts: z.array(z.number().int().nonnegative()),
      lengths: z.array(z.number().int().nonnegative()),
    })
    .optional(),
  stagedAt: z.iso.datetime(),
});
export type StagedBookMeta = z.infer<typeof stagedBookMetaSchema>;

export const stagedFileNames = (bookId: string) => ({ meta: `${bookId}.json`, vectors: `${bookId}.f32` });

/** Packs vectors into one buffer for the .f32 file. */
export function packVectors(vectors: Float32Array[], dims: number): Buffer {
  const buffer = Buffer.alloc(vectors.length * dims * 4);
  vectors.forEach((vector, row) => {
    if (vector.length !== dims) throw new Error(`вектор ${row}: размерность ${vector.length}, ожидалась ${dims}`);
    Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).copy(buffer, row * dims * 4);
  });
  return buffer;
}

export function unpackVectors(buffer: Buffer, dims: number, rows: number): Float32Array[] {
  const all = new Float32Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
  return Array.from({ length: rows }, (_, row) => all.subarray(row * dims, (row + 1) * dims));
}
