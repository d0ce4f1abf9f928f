// Builds one index generation in a temp directory, book by book, streaming vectors to
// disk so memory stays flat however large the library is. `finish` writes the FAISS
// index, then the manifest (last), fsyncs everything and renames the directory into
// generations/. Nothing is visible to readers until the store flips the live pointer.
// With a `base` (the live generation, when generation-base.ts allows it) the generation is
// derived instead (segments.ts): the base's segments are hard-linked into the temp directory
// as they are, with the checksums the base's manifest gives them; unchanged books are carried
// over (carryOver), new books go into one new segment, and books nobody carried over are just
// not listed — the cost follows what changed, not the library's size. The base's files are
// never written: every generation's files are immutable once published.
import { closeSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Chunk } from "../../chunking/types.js";
import type { EmbedderIdentity } from "../../embeddings/types.js";
import { type BookPostings, bookPostings } from "../keyword/book-postings.js";
import { KEYWORD_TABLE } from "../keyword/keyword-index.js";
import { KEYWORD_TERMS_VERSION } from "../keyword/keyword-terms.js";
import { KEYWORD_FILE } from "../keyword/postings-file.js";
import { createPostingsWriter, type KeptPostings, type PostingsWriter } from "../keyword/postings-writer.js";
import {
  createDocstoreWriter,
  DOCSTORE_FILE,
  type DocstoreWriter,
  SQLITE_DOCSTORE_FILE,
  segmentDocstoreFile,
} from "./docstore.js";
import { fsyncFileAsync, fsyncPath, sha256File, writeFileDurably } from "./durable-fs.js";
import { asIndexWriteError } from "./errors.js";
import { buildFactoryIndex } from "./factory-index-file.js";
import { FLAT_IP_HEADER_BYTES, flatIpHeader, isFlatFactory } from "./faiss-flat-file.js";
import { type GenerationBase, whyNotDerive } from "./generation-base.js";
import {
  type BookRecord,
  type GenerationManifest,
  MANIFEST_FILE,
  MANIFEST_FORMAT_VERSION,
  sealManifest,
} from "./manifest.js";
import { type GenerationSegment, INDEX_FILE, type SegmentFiles, segmentsOf, WHOLE_SEGMENT } from "./segments.js";
import { createVectorFileWriter } from "./vector-file-writer.js";

export { INDEX_FILE };

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
  /**
   * Keep the docstore in SQLite, as versions before 2026-12-07 did (implied by `keywordTable`):
   * only to write such generations in tests of an upgrade.
   */
  sqliteDocstore?: boolean;
  /** IVF lists a search visits (INDEX_NPROBE); ignored by indexes without lists. */
  nprobe?: number;
  /** The generation to derive from, when generation-base.ts allows; otherwise built from scratch. */
  base?: GenerationBase;
}

export type NewBook = Omit<BookRecord, "chunkCount" | "firstLabel" | "segment" | "row">;

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
  /**
   * `keywords`: the book's postings when its book job computed them, or where they stand in an
   * existing keywords.bin (a fold: taken from there as they are, the file's other rows left out);
   * otherwise computed here from the chunks.
   */
  addBook(book: NewBook, chunks: Chunk[], vectors: Float32Array[], keywords?: BookPostings | KeptPostings): void;
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
  const sqliteDocstore = keywordTable || options.sqliteDocstore === true;
  // The FTS5 table (upgrade tests only) is always written from scratch.
  const reason = options.base && !keywordTable ? whyNotDerive(options.base, { ...options, keywordIndex }) : undefined;
  const base = options.base && !keywordTable && reason === undefined ? options.base : undefined;
  const derivation: Derivation = base ? { from: base.manifest.id } : reason ? { reason } : {};
  mkdirSync(options.tempDir, { recursive: true });
  // What this build writes: the whole generation's main files, or, derived, one new segment.
  const written: SegmentFiles = base
    ? {
        id: `seg-${options.id}`,
        index: `seg-${options.id}.faiss`,
        docstore: segmentDocstoreFile(`seg-${options.id}`, sqliteDocstore),
        rows: 0,
        labelEnd: 0,
      }
    : {
        id: WHOLE_SEGMENT,
        index: INDEX_FILE,
        docstore: sqliteDocstore ? SQLITE_DOCSTORE_FILE : DOCSTORE_FILE,
        rows: 0,
        labelEnd: 0,
      };
  const keywordsFile = base ? `seg-${options.id}.${KEYWORD_FILE}` : KEYWORD_FILE;
  const vectorsFile = flat ? written.index : VECTORS_FILE;
  const vectorsOffset = flat ? FLAT_IP_HEADER_BYTES : 0;
  let vectorsFd: number;
  let docstore: DocstoreWriter;
  try {
    vectorsFd = openSync(join(options.tempDir, vectorsFile), "w");
    if (flat) writeSync(vectorsFd, flatIpHeader(dims, 0));
    docstore = createDocstoreWriter(
      join(options.tempDir, written.docstore),
      sqliteDocstore ? { sqlite: { keywordTable } } : {},
    );
  } catch (error) {
    rmSync(options.tempDir, { recursive: true, force: true });
    throw asIndexWriteError(error, indexDir);
  }
  const vectors = createVectorFileWriter(vectorsFd, { offset: vectorsOffset, dims, rows: 0 });
  const postings: PostingsWriter | undefined =
    keywordIndex && !keywordTable ? createPostingsWriter({ runDir: options.tempDir }) : undefined;
  const carried = carriedBooks(base);
  const added: BookRecord[] = [];
  let nextLabel = carried.nextLabel;
  let closed = false;

  /** Closes both files as they are; neither is closed under writes still queued (its number could be reused). */
  function closeAll(): void {
    if (closed) return;
    closed = true;
    void vectors
      .settled()
      .catch(() => undefined)
      .finally(() => closeSync(vectorsFd));
    docstore.abort();
  }

  return {
    id: options.id,
    derivation,
    get chunkCount() {
      return (
        [...carried.books.values()].reduce(
          (sum, entry) => sum + (entry.state === "kept" ? entry.record.chunkCount : 0),
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
      const keywordRows = keywords && ("file" in keywords ? keywords.count : keywords.lengths.length);
      if (keywords && keywordRows !== chunks.length) {
        throw new Error(`${book.file}: ${chunks.length} chunks but keyword postings for ${keywordRows}`);
      }
      // A record reused from the live generation carries where it sat there; this build places it anew.
      const { segment: _segment, row: _row, ...fields } = book as BookRecord;
      const record: BookRecord = {
        ...fields,
        chunkCount: chunks.length,
        firstLabel: nextLabel,
        ...(base ? { segment: written.id, row: vectors.rows } : {}),
      };
      try {
        docstore.addBook(record, chunks);
        postings?.addBook(record.firstLabel, keywords ?? bookPostings(record.title, chunks));
        vectors.append(bookVectors);
      } catch (error) {
        throw asIndexWriteError(error, indexDir);
      }
      // The same content added anew (a rebuild of one book) replaces the base's copy.
      const replaced = carried.books.get(book.bookId);
      if (replaced) replaced.state = "removed";
      added.push(record);
      nextLabel += chunks.length;
    },
    carryOver(bookId, file) {
      const entry = carried.books.get(bookId);
      if (!entry || entry.state === "removed") return false;
      // The book keeps its rows in its segment; its (new) file name lives in the manifest.
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
   * The base's segments still holding a kept book, hard-linked into the temp directory, with
   * the checksums the base's manifest gives their files (verified when the base was opened).
   */
  function linkKeptSegments(kept: BookRecord[]): { segments: SegmentFiles[]; files: GenerationManifest["files"] } {
    const files: GenerationManifest["files"] = {};
    const segments: SegmentFiles[] = [];
    if (!base) return { segments, files };
    const keptSegments = new Set(kept.map((book) => book.segment));
    for (const segment of carried.segments) {
      if (!keptSegments.has(segment.id)) continue;
      const { books: _books, layout: _layout, deadRows: _dead, vectors: _vectors, ...listed } = segment;
      for (const name of [segment.index, segment.docstore, ...(segment.keywords ? [segment.keywords] : [])]) {
        const entry = base.manifest.files[name];
        if (!entry) throw new Error(`${base.manifest.id}: its manifest lists no checksum for ${name}`);
        linkSync(join(base.dir, name), join(options.tempDir, name));
        files[name] = entry;
      }
      segments.push(listed);
    }
    return { segments, files };
  }

  async function finishWriting(): Promise<GenerationManifest> {
    const kept = [...carried.books.values()]
      .filter((entry) => entry.state === "kept")
      .map((entry) => ({ ...entry.record, file: entry.file }));
    const books = [...kept, ...added];
    const rows = vectors.rows;
    // From here on the files are closed here, not by abort.
    closed = true;
    try {
      await vectors.settled();
      if (flat) writeSync(vectorsFd, flatIpHeader(dims, rows), 0, FLAT_IP_HEADER_BYTES, 0);
    } catch (error) {
      docstore.abort();
      throw error;
    } finally {
      closeSync(vectorsFd);
    }
    await docstore.finish();
    const linked = linkKeptSegments(kept);
    // A derived publish that only removed or renamed books writes no segment of its own.
    const ownSegment = !base || rows > 0 || linked.segments.length === 0;
    const keywords = postings && ownSegment ? keywordsFile : undefined;
    if (keywords) postings?.finish(join(options.tempDir, keywords));
    else postings?.abort();
    if (!ownSegment) {
      for (const name of [vectorsFile, written.docstore]) rmSync(join(options.tempDir, name), { force: true });
    }
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
          rows,
        );
    // Every new file's fsync and sha256 at once: the fsyncs wait on the disk in libuv's pool
    // while the main thread hashes the same bytes from the page cache; one after the other, the
    // waits and the hashing would add up (measured in docs/performance.md). Linked files are
    // the base's, already durable and checksummed.
    const names = ownSegment
      ? [written.index, written.docstore, ...(keywords ? [keywords] : []), ...(flat ? [] : [VECTORS_FILE])]
      : [];
    const entries = await Promise.all(
      names.map(async (name) => {
        const path = join(options.tempDir, name);
        const [sha256] = await Promise.all([sha256File(path), fsyncFileAsync(path)]);
        return [name, { sha256, bytes: statSync(path).size }] as const;
      }),
    );
    const files: GenerationManifest["files"] = { ...linked.files, ...Object.fromEntries(entries) };
    const segments = base
      ? [
          ...linked.segments,
          ...(ownSegment ? [{ ...written, rows, labelEnd: nextLabel, ...(keywords ? { keywords } : {}) }] : []),
        ]
      : undefined;
    const first = segments?.[0];
    const manifest: GenerationManifest = {
      formatVersion: MANIFEST_FORMAT_VERSION,
      id: options.id,
      createdAt: new Date().toISOString(),
      embedder: options.embedder,
      chunking: options.chunking,
      indexFactory: options.indexFactory,
      vectors: first
        ? { file: first.index, offset: FLAT_IP_HEADER_BYTES }
        : { file: vectorsFile, offset: vectorsOffset },
      chunkCount: books.reduce((sum, book) => sum + book.chunkCount, 0),
      files,
      books,
      ...(postings ? { keywordIndex: { file: KEYWORD_FILE, terms: KEYWORD_TERMS_VERSION } } : {}),
      ...(keywordTable ? { keywordIndex: { table: KEYWORD_TABLE, terms: KEYWORD_TERMS_VERSION } } : {}),
      ...(segments ? { segments } : {}),
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
  /** The base's record, with its segment and first row in it. */
  record: BookRecord;
  /** pending: not yet named by this run (left out at finish unless carried over). */
  state: "pending" | "kept" | "removed";
  file: string;
}

/** The base's books by id, its segments, and the first label no base chunk uses. */
function carriedBooks(base: GenerationBase | undefined): {
  books: Map<string, CarriedBook>;
  segments: GenerationSegment[];
  nextLabel: number;
} {
  const books = new Map<string, CarriedBook>();
  if (!base) return { books, segments: [], nextLabel: 0 };
  const segments = segmentsOf(base.manifest);
  // Past every label the base's segments ever gave, removed books' too: labels never repeat.
  let nextLabel = base.manifest.chunkCount;
  for (const segment of segments) {
    for (const record of segment.books) {
      books.set(record.bookId, { record: { ...record, segment: segment.id }, state: "pending", file: record.file });
      nextLabel = Math.max(nextLabel, record.firstLabel + record.chunkCount);
    }
    nextLabel = Math.max(nextLabel, segment.labelEnd);
  }
  return { books, segments, nextLabel };
}
