// The docstore of generations written from 2026-12-07 on: chunk texts and citations in one flat
// file, rows in label order, read with a positional read per chunk. It replaced SQLite
// (sqlite-docstore.ts, which still reads older generations) for one reason: a full publish
// spent most of its time inserting rows into SQLite's B-tree (~5 µs a row, measured in
// docs/performance.md), and nothing ever queried the table but "rows by label" and "a book's
// rows", both plain ranges here. The file needs no integrity of its own beyond bounds checks:
// every generation file's sha256 is verified before it is opened.
//
//   [0, 64)        header: magic, format version, rows, first label, where offsets and books are
//   [64, …)        rows, each: u32 position, u8 flags (page, page end, OCR), u32 page, u32 page
//                  end (when flagged), then chapter, section, page label, page label end and
//                  text, each as u32 byte length (0xFFFFFFFF when absent) + UTF-8
//   offsetsAt      (rows + 1) f64: where each row starts, and where the last one ends
//   booksAt        the books as JSON: each book's chunks are the rows of its label range
// Numbers are little-endian. A segment's books hold consecutive labels, so row = label − first label.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { Chunk } from "../../chunking/types.js";
import type { DocstoreReader, DocstoreWriter } from "./docstore-types.js";
import { readFullyAt, writeFullyAt } from "./durable-fs.js";
import type { BookRecord } from "./manifest.js";

const MAGIC = "AILBDOCS";
const FORMAT_VERSION = 1;
const HEADER_BYTES = 64;
const ABSENT = 0xffffffff;
const HAS_PAGE = 1;
const HAS_PAGE_END = 2;
const OCR = 4;
/** The fixed part of a row: position, flags, page, page end, five string lengths. */
const FIXED_ROW_BYTES = 4 + 1 + 4 + 4 + 5 * 4;
/** The least a block is allocated with: a book of 1000 chunks of 600 characters fits. */
const MIN_BLOCK_BYTES = 2 * 1024 * 1024;

type StoredBook = Pick<
  BookRecord,
  "bookId" | "file" | "title" | "author" | "format" | "pages" | "chunkCount" | "firstLabel"
>;

interface Header {
  rows: number;
  firstLabel: number;
  offsetsAt: number;
  booksAt: number;
  booksBytes: number;
}

export function createDocstoreFileWriter(path: string): DocstoreWriter {
  const fd = openSync(path, "w");
  const books: StoredBook[] = [];
  let offsets = new Float64Array(1024);
  let rows = 0;
  let firstLabel: number | undefined;
  let end = HEADER_BYTES;
  let closed = false;
  // One block for every book, written at once: a fresh block per book faults in page by page
  // (~12 µs a page on a VM), which tripled the cost of encoding the texts, and queuing the
  // writes in the thread pool (as the vectors are) would need a fresh block per book.
  let block = Buffer.allocUnsafeSlow(0);
  const blockOf = (bytes: number): Buffer => {
    if (block.length < bytes) block = Buffer.allocUnsafeSlow(Math.max(bytes, MIN_BLOCK_BYTES));
    return block;
  };

  const pushOffset = (offset: number) => {
    if (rows + 1 >= offsets.length) {
      const grown = new Float64Array(offsets.length * 2);
      grown.set(offsets);
      offsets = grown;
    }
    offsets[rows] = offset;
  };

  const closeOnce = () => {
    if (closed) return false;
    closed = true;
    return true;
  };

  return {
    addBook(record, chunks) {
      firstLabel ??= record.firstLabel;
      if (record.firstLabel !== firstLabel + rows) {
        throw new Error(
          `${path}: книга ${record.file} начинается с метки ${record.firstLabel}, а не ${firstLabel + rows}`,
        );
      }
      // The whole book is encoded before anything is written: a chunk that cannot be stored
      // leaves the docstore as it was, as a rolled-back transaction did.
      const encoded = encodeRows(record.file, chunks, blockOf);
      writeFullyAt(fd, encoded.bytes, end);
      for (const start of encoded.starts) {
        pushOffset(end + start);
        rows++;
      }
      end += encoded.bytes.length;
      const { bookId, file, title, author, format, pages, chunkCount, firstLabel: bookFirst } = record;
      books.push({ bookId, file, title, author, format, pages, chunkCount, firstLabel: bookFirst });
    },
    async finish() {
      if (!closeOnce()) return;
      try {
        offsets[rows] = end;
        const offsetsAt = align8(end);
        const offsetBytes = new Uint8Array(offsets.buffer, 0, (rows + 1) * 8);
        const booksAt = offsetsAt + offsetBytes.length;
        const booksJson = Buffer.from(JSON.stringify(books));
        writeFullyAt(fd, offsetBytes, offsetsAt);
        writeFullyAt(fd, booksJson, booksAt);
        const header = { rows, firstLabel: firstLabel ?? 0, offsetsAt, booksAt, booksBytes: booksJson.length };
        writeFullyAt(fd, encodeHeader(header), 0);
      } finally {
        closeSync(fd);
      }
    },
    abort() {
      if (closeOnce()) closeSync(fd);
    },
  };
}

/** A book's rows, encoded at the start of a block of at least their size, and where each starts. */
function encodeRows(
  file: string,
  chunks: readonly Chunk[],
  blockOf: (bytes: number) => Buffer,
): { bytes: Uint8Array; starts: number[] } {
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  let bound = 0;
  for (const chunk of chunks) {
    if (typeof chunk.text !== "string") throw new Error(`${file}: у фрагмента ${chunk.position} нет текста`);
    bound += FIXED_ROW_BYTES;
    for (const text of stringsOf(chunk)) if (text !== undefined) bound += text.length * 3;
  }
  // Buffer's own UTF-8 write: TextEncoder.encodeInto took 3× as long on the same texts.
  const bytes = blockOf(bound);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const starts: number[] = [];
  let at = 0;
  for (const chunk of chunks) {
    starts.push(at);
    view.setUint32(at, chunk.position, true);
    const page = pageNumber(file, chunk.page, "page");
    const pageEnd = pageNumber(file, chunk.pageEnd, "pageEnd");
    view.setUint8(
      at + 4,
      (page !== undefined ? HAS_PAGE : 0) | (pageEnd !== undefined ? HAS_PAGE_END : 0) | (chunk.ocr ? OCR : 0),
    );
    view.setUint32(at + 5, page ?? 0, true);
    view.setUint32(at + 9, pageEnd ?? 0, true);
    at += 13;
    for (const text of stringsOf(chunk)) {
      if (text === undefined) {
        view.setUint32(at, ABSENT, true);
        at += 4;
        continue;
      }
      const written = bytes.write(text, at + 4, "utf8");
      view.setUint32(at, written, true);
      at += 4 + written;
    }
  }
  return { bytes: bytes.subarray(0, at), starts };
}

const stringsOf = (chunk: Chunk) => [chunk.chapter, chunk.section, chunk.pageLabel, chunk.pageLabelEnd, chunk.text];

function pageNumber(file: string, value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0 || value >= ABSENT) {
    throw new Error(`${file}: ${field} ${value} — не номер страницы`);
  }
  return value;
}

const align8 = (offset: number) => Math.ceil(offset / 8) * 8;

function encodeHeader(header: Header): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set(Buffer.from(MAGIC, "latin1"));
  view.setUint32(8, FORMAT_VERSION, true);
  view.setFloat64(16, header.rows, true);
  view.setFloat64(24, header.firstLabel, true);
  view.setFloat64(32, header.offsetsAt, true);
  view.setFloat64(40, header.booksAt, true);
  view.setFloat64(48, header.booksBytes, true);
  return bytes;
}

export function openDocstoreFileReader(path: string): DocstoreReader {
  const fd = openSync(path, "r");
  let header: Header;
  let books: StoredBook[];
  try {
    ({ header, books } = readLayout(fd, path));
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const byLabel = [...books].sort((a, b) => a.firstLabel - b.firstLabel);
  const byId = new Map(books.map((book) => [book.bookId, book]));

  const read = (position: number, length: number) => readFully(fd, path, position, length);
  /** Where rows `first`…`first + count − 1` start, and where the last ends. */
  const offsetsOf = (first: number, count: number): Float64Array => {
    const bytes = read(header.offsetsAt + first * 8, (count + 1) * 8);
    // Read one by one, not viewed in place: a view needs the buffer 8-byte aligned.
    const offsets = Float64Array.from({ length: count + 1 }, (_, at) => bytes.readDoubleLE(at * 8));
    for (let at = 0; at < count; at++) {
      const start = offsets[at] as number;
      const next = offsets[at + 1] as number;
      if (!(start >= HEADER_BYTES && next >= start && next <= header.offsetsAt)) {
        throw new Error(`${path}: строка ${first + at} за пределами файла`);
      }
    }
    return offsets;
  };
  const bookAt = (label: number): StoredBook | undefined => {
    let low = 0;
    let high = byLabel.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const book = byLabel[middle] as StoredBook;
      if (label < book.firstLabel) high = middle - 1;
      else if (label >= book.firstLabel + book.chunkCount) low = middle + 1;
      else return book;
    }
    return undefined;
  };
  const rowsOf = (book: StoredBook, firstRow: number, count: number): Chunk[] => {
    const offsets = offsetsOf(firstRow, count);
    const start = offsets[0] as number;
    const bytes = read(start, (offsets[count] as number) - start);
    return Array.from({ length: count }, (_, at) =>
      decodeRow(bytes, (offsets[at] as number) - start, (offsets[at + 1] as number) - start, book, path),
    );
  };

  return {
    keywordIndex: undefined,
    chunkCount: () => header.rows,
    chunksByLabel(labels) {
      const out = new Map<number, Chunk>();
      for (const label of labels) {
        const row = label - header.firstLabel;
        const book = row >= 0 && row < header.rows ? bookAt(label) : undefined;
        if (!book) continue;
        const [chunk] = rowsOf(book, row, 1);
        if (chunk) out.set(label, chunk);
      }
      return out;
    },
    chunksOfBook(bookId) {
      const book = byId.get(bookId);
      if (!book || book.chunkCount === 0) return [];
      return rowsOf(book, book.firstLabel - header.firstLabel, book.chunkCount);
    },
    close: () => closeSync(fd),
  };
}

function readLayout(fd: number, path: string): { header: Header; books: StoredBook[] } {
  const size = fstatSync(fd).size;
  const head = Buffer.alloc(HEADER_BYTES);
  if (size < HEADER_BYTES || readSync(fd, head, 0, HEADER_BYTES, 0) < HEADER_BYTES) {
    throw new Error(`${path}: файл короче заголовка`);
  }
  if (head.toString("latin1", 0, 8) !== MAGIC) throw new Error(`${path}: не docstore (нет метки ${MAGIC})`);
  const view = new DataView(head.buffer, head.byteOffset, HEADER_BYTES);
  const version = view.getUint32(8, true);
  if (version !== FORMAT_VERSION) {
    throw new Error(`${path}: формат docstore ${version}, эта версия читает ${FORMAT_VERSION}; обновите программу`);
  }
  const header: Header = {
    rows: view.getFloat64(16, true),
    firstLabel: view.getFloat64(24, true),
    offsetsAt: view.getFloat64(32, true),
    booksAt: view.getFloat64(40, true),
    booksBytes: view.getFloat64(48, true),
  };
  const fits =
    Number.isSafeInteger(header.rows) &&
    header.rows >= 0 &&
    Number.isSafeInteger(header.firstLabel) &&
    header.offsetsAt >= HEADER_BYTES &&
    header.booksAt === header.offsetsAt + (header.rows + 1) * 8 &&
    header.booksAt + header.booksBytes === size;
  if (!fits) throw new Error(`${path}: заголовок не сходится с размером файла (${size} байт)`);
  let books: StoredBook[];
  try {
    books = JSON.parse(readFully(fd, path, header.booksAt, header.booksBytes).toString("utf8")) as StoredBook[];
  } catch (error) {
    throw new Error(`${path}: список книг не читается: ${(error as Error).message}`);
  }
  const covered = Array.isArray(books) ? books.reduce((sum, book) => sum + book.chunkCount, 0) : Number.NaN;
  if (covered !== header.rows) throw new Error(`${path}: книги покрывают ${covered} строк, а строк ${header.rows}`);
  return { header, books };
}

function readFully(fd: number, path: string, position: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  readFullyAt(fd, bytes, position, `${path}: файл кончается раньше, чем строки в нём`);
  return bytes;
}

function decodeRow(bytes: Buffer, start: number, end: number, book: StoredBook, path: string): Chunk {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const position = view.getUint32(start, true);
  const flags = view.getUint8(start + 4);
  let at = start + 13;
  const strings: (string | undefined)[] = [];
  for (let field = 0; field < 5; field++) {
    const length = view.getUint32(at, true);
    at += 4;
    if (length === ABSENT) {
      strings.push(undefined);
      continue;
    }
    if (at + length > end) throw new Error(`${path}: строка книги ${book.file} обрывается`);
    strings.push(bytes.toString("utf8", at, at + length));
    at += length;
  }
  const [chapter, section, pageLabel, pageLabelEnd, text] = strings;
  return {
    bookId: book.bookId,
    file: book.file,
    title: book.title,
    ...(book.author != null ? { author: book.author } : {}),
    ...(flags & HAS_PAGE ? { page: view.getUint32(start + 5, true) } : {}),
    ...(flags & HAS_PAGE_END ? { pageEnd: view.getUint32(start + 9, true) } : {}),
    ...(chapter !== undefined ? { chapter } : {}),
    ...(section !== undefined ? { section } : {}),
    ...(pageLabel !== undefined ? { pageLabel } : {}),
    ...(pageLabelEnd !== undefined ? { pageLabelEnd } : {}),
    ...(flags & OCR ? { ocr: true as const } : {}),
    position,
    text: text ?? "",
  };
}
