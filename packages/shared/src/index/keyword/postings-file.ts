// The keyword index file of a generation (`keywords.bin`): an inverted index written once and
// then only read, so one layout serves the full build, a derived publish (which merges the
// previous file with the new books' postings) and search.
//
//   header (64 bytes)   magic, row/term/posting counts, total tokens, section offsets
//   postings            8 bytes each: row (u32), in the chunk's text (u16), in its heading (u16);
//                       grouped by term, rows ascending within a term; read per term on demand
//   rows                label of each row (u32, ascending), then its length in tokens (u32)
//   dictionary          for each term: end of its bytes in the term blob, end of its postings,
//                       chunks holding it in their text (u32 each); then the blob (UTF-8)
//
// Terms are in JavaScript string order (UTF-16 code units): writer, merge and reader compare
// with the same `<`, and the terms sharing a prefix stand together in it.
import { readSync } from "node:fs";

export const KEYWORD_FILE = "keywords.bin";
const MAGIC = "AILBKW01";
export const HEADER_BYTES = 64;
export const POSTING_BYTES = 8;
/** The largest count a posting holds for one term in one chunk's text or heading. */
export const MAX_TERM_COUNT = 0xffff;

export interface PostingsHeader {
  rowCount: number;
  termCount: number;
  termBytes: number;
  totalTokens: number;
  postingCount: number;
  rowsOffset: number;
  dictionaryOffset: number;
}

export function encodeHeader(header: PostingsHeader): Buffer {
  const out = Buffer.alloc(HEADER_BYTES);
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(1, 8);
  out.writeUInt32LE(header.rowCount, 12);
  out.writeUInt32LE(header.termCount, 16);
  out.writeUInt32LE(header.termBytes, 20);
  out.writeDoubleLE(header.totalTokens, 24);
  out.writeDoubleLE(header.postingCount, 32);
  out.writeDoubleLE(header.rowsOffset, 40);
  out.writeDoubleLE(header.dictionaryOffset, 48);
  return out;
}

export function decodeHeader(bytes: Buffer, file: string): PostingsHeader {
  if (bytes.length < HEADER_BYTES || bytes.toString("latin1", 0, 8) !== MAGIC || bytes.readUInt32LE(8) !== 1) {
    throw new Error(`${file}: не файл индекса ключевых слов (нет заголовка ${MAGIC})`);
  }
  return {
    rowCount: bytes.readUInt32LE(12),
    termCount: bytes.readUInt32LE(16),
    termBytes: bytes.readUInt32LE(20),
    totalTokens: bytes.readDoubleLE(24),
    postingCount: bytes.readDoubleLE(32),
    rowsOffset: bytes.readDoubleLE(40),
    dictionaryOffset: bytes.readDoubleLE(48),
  };
}

/** The next multiple of 8: sections start aligned so they read straight into typed arrays. */
export const align8 = (offset: number) => Math.ceil(offset / 8) * 8;

/** Reads `count` u32 values at `position` into a fresh array. */
export function readUint32s(fd: number, position: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  readFully(fd, new Uint8Array(out.buffer), position);
  return out;
}

export function readFully(fd: number, into: Uint8Array, position: number): void {
  let done = 0;
  while (done < into.length) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) throw new Error(`файл индекса ключевых слов короче, чем сказано в его заголовке`);
    done += read;
  }
}

/** A file's rows and dictionary, held in memory; postings stay on disk. */
export interface PostingsDictionary {
  header: PostingsHeader;
  labels: Uint32Array;
  lengths: Uint32Array;
  termEnds: Uint32Array;
  postingEnds: Uint32Array;
  textChunks: Uint32Array;
  blob: Buffer;
}

export function readDictionary(fd: number, file: string): PostingsDictionary {
  const head = Buffer.alloc(HEADER_BYTES);
  readFully(fd, head, 0);
  const header = decodeHeader(head, file);
  const rows = header.rowCount;
  const terms = header.termCount;
  const labels = readUint32s(fd, header.rowsOffset, rows);
  const lengths = readUint32s(fd, header.rowsOffset + 4 * rows, rows);
  const termEnds = readUint32s(fd, header.dictionaryOffset, terms);
  const postingEnds = readUint32s(fd, header.dictionaryOffset + 4 * terms, terms);
  const textChunks = readUint32s(fd, header.dictionaryOffset + 8 * terms, terms);
  const blob = Buffer.alloc(header.termBytes);
  readFully(fd, blob, header.dictionaryOffset + 12 * terms);
  return { header, labels, lengths, termEnds, postingEnds, textChunks, blob };
}

export const termAt = (dictionary: PostingsDictionary, index: number): string =>
  dictionary.blob.toString("utf8", index === 0 ? 0 : dictionary.termEnds[index - 1], dictionary.termEnds[index]);

export const postingStart = (dictionary: PostingsDictionary, index: number): number =>
  index === 0 ? 0 : (dictionary.postingEnds[index - 1] as number);

/**
 * Postings of one term, as two views over one read: row of posting i = `words[2i]`, count in
 * its text = `halves[4i + 2]`, in its heading = `halves[4i + 3]`.
 */
export interface TermPostings {
  count: number;
  words: Uint32Array;
  halves: Uint16Array;
}

export function readPostings(fd: number, dictionary: PostingsDictionary, index: number): TermPostings {
  const start = postingStart(dictionary, index);
  const count = (dictionary.postingEnds[index] as number) - start;
  const words = new Uint32Array(count * 2);
  readFully(fd, new Uint8Array(words.buffer), HEADER_BYTES + start * POSTING_BYTES);
  return { count, words, halves: new Uint16Array(words.buffer) };
}

/** Index of the first term ≥ `term` (termCount when none). */
export function lowerBound(dictionary: PostingsDictionary, term: string): number {
  let lo = 0;
  let hi = dictionary.header.termCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (termAt(dictionary, mid) < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first row whose label is ≥ `label` (rows are in label order; row count when none). */
export function firstRowFrom(labels: Uint32Array, label: number): number {
  let lo = 0;
  let hi = labels.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((labels[mid] as number) < label) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
