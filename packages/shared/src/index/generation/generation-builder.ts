// Builds one index generation in a temp directory, book by book, streaming vectors to
// disk so memory stays flat however large the library is. `finish` writes the FAISS
// index, then the manifest (last), fsyncs everything and renames the directory into
// generations/. Nothing is visible to readers until the store flips the live pointer.
// With a `base` (the live generation, when generation-base.ts allows it) the generation is
// derived instead: the base's FAISS file and docstore are copied into the temp directory,
// unchanged books are carried over as they are (carryOver), new books are appended, and the
// books nobody carried over are deleted at finish — the cost follows what changed, not the
// library's size. The base's own files are only ever read.
import { closeSync, copyFileSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Chunk } from "../../chunking/types.js";
import type { EmbedderIdentity } from "../../embeddings/types.js";
import { type BookPostings, bookPostings } from "../keyword/book-postings.js";
import { KEYWORD_TABLE, type LabelRange } from "../keyword/keyword-index.js";
import { KEYWORD_TERMS_VERSION } from "../keyword/keyword-terms.js";
import { KEYWORD_FILE } from "../keyword/postings-file.js";
import { createPostingsWriter, type PostingsWriter } from "../keyword/postings-writer.js";
import { createDocstoreWriter, DOCSTORE_FILE, type DocstoreWriter } from "./docstore.js";
import { fsyncFileAsync, fsyncPath, sha256File, writeFileDurably } from "./durable-fs.js";
import { asIndexWriteError } from "./errors.js";
import { buildFactoryIndex } from "./factory-index-file.js";
import { FLAT_IP_HEADER_BYTES, flatIpHeader, isFlatFactory } from "./faiss-flat-file.js";
import { type GenerationBase, whyNotDerive } from "./generation-base.js";
import { labelLayout } from "./label-layout.js";
import {
  type BookRecord,
  type GenerationManifest,
  MANIFEST_FILE,
  MANIFEST_FORMAT_VERSION,
  sealManifest,
} from "./manifest.js";
import { createVectorFileWriter, type RowRange } from "./vector-file-writer.js";

export const INDEX_FILE = "index.faiss";
const VECTORS_FILE = "vectors.f32";

export interface GenerationBuildOptions {
  id: string;
  tempDir: string;
  finalDir: string;
  embedder: EmbedderIdentity;
  chunking: GenerationManifest["chunking"];
  indexFactory: string;
  previousId?: string;
  /** Build the keyword index (default). False writes a generation as versions before it did. */
  keywordIndex?: boolean;
  /**
   * Keep the keyword index in the docstore's FTS5 table, as versions before keywords.bin did:
   * only to write such generations in tests of an upgrade.
   */
  keywordTable?: boolean;
  /** IVF lists a search visits (INDEX_NPROBE); ignored by indexes without lists. */
  nprobe?: number;
  /** The generation to derive from, when generation-base.ts allows; otherwise built from scratch. */
  base?: GenerationBase;
}

export type NewBook = Omit<BookRecord, "chunkCount" | "firstLabel">;

/** How the generation is being built: derived from a base, or from scratch and why. */
export interface Derivation {
  /** The base generation's id, when derived. */
  from?: string;
  /** Why a base was given but not used. */
  reason?: string;
}

export interface GenerationBuilder {
  readonly id: string;
  readonly chunkCount: number;
  readonly derivation: Derivation;
  /** `keywords`: the book's postings when its book job computed them (otherwise computed here). */
  addBook(book: NewBook, chunks: Chunk[], vectors: Float32Array[], keywords?: BookPostings): void;
  /**
   * Keeps a book of the base as it is (under `file`, its name in this run). False when the
   * generation is not derived or its base lacks the book: the caller adds the book's data.
   */
  carryOver(bookId: string, file: string): boolean;
  finish(): Promise<GenerationManifest>;
  abort(): void;
}

export function createGenerationBuilder(options: GenerationBuildOptions): GenerationBuilder {
  // A full disk must fail the whole publish with its real cause, not pass for a bad book.
  const indexDir = dirname(options.tempDir);
  const dims = options.embedder.dims;
  const flat = isFlatFactory(options.indexFactory);
  const keywordIndex = options.keywordIndex ?? true;
  const keywordTable = keywordIndex && options.keywordTable === true;
  // The FTS5 table (upgrade tests only) is always written from scratch.
  const reason = options.base && !keywordTable ? whyNotDerive(options.base, { ...options, keywordIndex }) : undefined;
  const base = options.base && !keywordTable && reason === undefined ? options.base : undefined;
  const derivation: Derivation = base ? { from: base.manifest.id } : reason ? { reason } : {};
  mkdirSync(options.tempDir, { recursive: true });
  const vectorsFile = flat ? INDEX_FILE : VECTORS_FILE;
  const vectorsOffset = flat ? FLAT_IP_HEADER_BYTES : 0;
  const vectorsPath = join(options.tempDir, vectorsFile);
  let vectorsFd: number;
  let docstore: DocstoreWriter;
  try {
    if (base) {
      copyFileSync(join(base.dir, INDEX_FILE), vectorsPath);
      copyFileSync(join(base.dir, DOCSTORE_FILE), join(options.tempDir, DOCSTORE_FILE));
    }
    vectorsFd = openSync(vectorsPath, base ? "r+" : "w");
    if (!base && flat) writeSync(vectorsFd, flatIpHeader(dims, 0));
    docstore = createDocstoreWriter(join(options.tempDir, DOCSTORE_FILE), {
      keywordIndex: keywordTable,
      derived: Boolean(base),
    });
  } catch (error) {
    rmSync(options.tempDir, { recursive: true, force: true });
    throw asIndexWriteError(error, indexDir);
  }
  const vectors = createVectorFileWriter(vectorsFd, {
    offset: vectorsOffset,
    dims,
    rows: base ? base.manifest.chunkCount : 0,
  });
  const postings: PostingsWriter | undefined =
    keywordIndex && !keywordTable
      ? createPostingsWriter({
          runDir: options.tempDir,
          ...(base ? { basePath: join(base.dir, KEYWORD_FILE) } : {}),
        })
      : undefined;
  const carried = carriedBooks(base);
  const added: BookRecord[] = [];
  let nextLabel = carried.nextLabel;
  let closed = false;

  function closeAll(): void {
    if (closed) return;
    closed = true;
    closeSync(vectorsFd);
    docstore.close();
  }

  /** A base book leaves the generation: its rows go now, its vectors' rows at finish. */
  function dropBaseBook(bookId: string): void {
    const entry = carried.books.get(bookId);
    if (!entry || entry.state === "removed") return;
    docstore.removeBook(entry.record);
    entry.state = "removed";
  }

  return {
    id: options.id,
    derivation,
    get chunkCount() {
      return (
        [...carried.books.values()].reduce(
          (sum, entry) => sum + (entry.state === "removed" ? 0 : entry.record.chunkCount),
          0,
        ) + added.reduce((sum, book) => sum + book.chunkCount, 0)
      );
    },
    addBook(book, chunks, bookVectors, keywords) {
      if (chunks.length !== bookVectors.length) {
        throw new Error(`${book.file}: ${chunks.length} chunks but ${bookVectors.length} vectors`);
      }
      for (const vector of bookVectors) {
        if (vector.length !== dims) throw new Error(`${book.file}: vector of ${vector.length} dims, index has ${dims}`);
      }
      // Staged postings were checked against their chunks when read (staging-area.ts); a count
      // that does not match here is a caller's bug.
      if (keywords && keywords.lengths.length !== chunks.length) {
        throw new Error(`${book.file}: ${chunks.length} chunks but keyword postings for ${keywords.lengths.length}`);
      }
      const record: BookRecord = { ...book, chunkCount: chunks.length, firstLabel: nextLabel };
      try {
        // The same content added anew (a rebuild of one book) replaces the base's copy.
        dropBaseBook(book.bookId);
        docstore.addBook(record, chunks);
        postings?.addBook(record.firstLabel, keywords ?? bookPostings(record.title, chunks));
        vectors.append(bookVectors);
      } catch (error) {
        throw asIndexWriteError(error, indexDir);
      }
      added.push(record);
      nextLabel += chunks.length;
    },
    carryOver(bookId, file) {
      const entry = carried.books.get(bookId);
      if (!entry || entry.state === "removed") return false;
      if (entry.record.file !== file) {
        try {
          docstore.renameBook(bookId, file);
        } catch (error) {
          throw asIndexWriteError(error, indexDir);
        }
      }
      entry.state = "kept";
      entry.file = file;
      return true;
    },
    async finish() {
      try {
        return await finishWriting();
      } catch (error) {
        throw asIndexWriteError(error, indexDir);
      }
    },
    abort() {
      try {
        postings?.abort();
        closeAll();
      } catch {
        // A full disk can refuse the docstore's last writes too; the temp dir goes regardless.
      }
      rmSync(options.tempDir, { recursive: true, force: true });
    },
  };

  /**
   * Drops the base books nobody carried over and closes the gaps their vectors leave; returns
   * the kept books and the label ranges of the removed ones (left out of the keyword index).
   */
  function removeUncarried(): { kept: BookRecord[]; removed: LabelRange[] } {
    const gaps: RowRange[] = [];
    const kept: BookRecord[] = [];
    const removed: LabelRange[] = [];
    for (const entry of carried.books.values()) {
      if (entry.state === "pending") dropBaseBook(entry.record.bookId);
      if (entry.state === "removed") {
        gaps.push({ firstRow: entry.firstRow, count: entry.record.chunkCount });
        removed.push({ firstLabel: entry.record.firstLabel, chunkCount: entry.record.chunkCount });
      } else kept.push({ ...entry.record, file: entry.file });
    }
    vectors.removeRows(gaps.filter((gap) => gap.count > 0).sort((a, b) => a.firstRow - b.firstRow));
    return { kept, removed };
  }

  async function finishWriting(): Promise<GenerationManifest> {
    // Rows: the kept base books in base order, then the added ones (label-layout.ts).
    const { kept, removed } = removeUncarried();
    const books = [...kept, ...added];
    const chunkCount = vectors.rows;
    const listed = books.reduce((sum, book) => sum + book.chunkCount, 0);
    if (listed !== chunkCount) throw new Error(`${vectorsFile} holds ${chunkCount} rows, the books ${listed}`);
    if (flat) writeSync(vectorsFd, flatIpHeader(dims, chunkCount), 0, FLAT_IP_HEADER_BYTES, 0);
    closeAll();
    postings?.finish(join(options.tempDir, KEYWORD_FILE), removed);
    const nprobe = flat
      ? undefined
      : buildFactoryIndex(
          {
            tempDir: options.tempDir,
            dims,
            indexFactory: options.indexFactory,
            indexFile: INDEX_FILE,
            vectorsFile: VECTORS_FILE,
            ...(options.nprobe !== undefined ? { nprobe: options.nprobe } : {}),
          },
          chunkCount,
        );
    // Every file's fsync and sha256 at once: the fsyncs wait on the disk in libuv's pool while
    // the main thread hashes the same bytes from the page cache; one after the other, the waits
    // and the hashing would add up (measured in docs/performance.md).
    const names = [INDEX_FILE, DOCSTORE_FILE, ...(postings ? [KEYWORD_FILE] : []), ...(flat ? [] : [VECTORS_FILE])];
    const entries = await Promise.all(
      names.map(async (name) => {
        const path = join(options.tempDir, name);
        const [sha256] = await Promise.all([sha256File(path), fsyncFileAsync(path)]);
        return [name, { sha256, bytes: statSync(path).size }] as const;
      }),
    );
    const files: GenerationManifest["files"] = Object.fromEntries(entries);
    const manifest: GenerationManifest = {
      formatVersion: MANIFEST_FORMAT_VERSION,
      id: options.id,
      createdAt: new Date().toISOString(),
      embedder: options.embedder,
      chunking: options.chunking,
      indexFactory: options.indexFactory,
      vectors: { file: vectorsFile, offset: vectorsOffset },
      chunkCount,
      files,
      books,
      ...(postings ? { keywordIndex: { file: KEYWORD_FILE, terms: KEYWORD_TERMS_VERSION } } : {}),
      ...(keywordTable ? { keywordIndex: { table: KEYWORD_TABLE, terms: KEYWORD_TERMS_VERSION } } : {}),
      ...(nprobe !== undefined ? { nprobe } : {}),
      ...(options.previousId ? { previousId: options.previousId } : {}),
    };
    writeFileDurably(join(options.tempDir, MANIFEST_FILE), sealManifest(manifest));
    fsyncPath(options.tempDir);
    renameSync(options.tempDir, options.finalDir);
    fsyncPath(join(options.finalDir, ".."));
    return manifest;
  }
}

interface CarriedBook {
  record: BookRecord;
  firstRow: number;
  /** pending: not yet named by this run (removed at finish unless carried over). */
  state: "pending" | "kept" | "removed";
  file: string;
}

/** The base's books by id, with their rows, and the first label no base chunk uses. */
function carriedBooks(base: GenerationBase | undefined): { books: Map<string, CarriedBook>; nextLabel: number } {
  const books = new Map<string, CarriedBook>();
  if (!base) return { books, nextLabel: 0 };
  const layout = labelLayout(base.manifest.books);
  let nextLabel = base.manifest.chunkCount;
  for (const record of base.manifest.books) {
    books.set(record.bookId, { record, firstRow: layout.firstRowOf(record), state: "pending", file: record.file });
    nextLabel = Math.max(nextLabel, record.firstLabel + record.chunkCount);
  }
  return { books, nextLabel };
}
