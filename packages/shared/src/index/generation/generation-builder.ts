// Builds one index generation in a temp directory, book by book, streaming vectors to
// disk so memory stays flat however large the library is. `finish` writes the FAISS
// index, then the manifest (last), fsyncs everything and renames the directory into
// generations/. Nothing is visible to readers until the store flips the live pointer.
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync, writevSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadFaiss, MetricType } from "@ai-library/faiss-native";
import type { Chunk } from "../../chunking/types.js";
import type { EmbedderIdentity } from "../../embeddings/types.js";
import { KEYWORD_TABLE } from "../keyword/keyword-index.js";
import { KEYWORD_TERMS_VERSION } from "../keyword/keyword-terms.js";
import { createDocstoreWriter, DOCSTORE_FILE, type DocstoreWriter } from "./docstore.js";
import { fsyncFileAsync, fsyncPath, sha256File, writeFileDurably } from "./durable-fs.js";
import { asIndexWriteError } from "./errors.js";
import { FLAT_IP_HEADER_BYTES, flatIpHeader, isFlatFactory } from "./faiss-flat-file.js";
import { DEFAULT_NPROBE, setIvfNprobe } from "./faiss-ivf-file.js";
import {
  type BookRecord,
  type GenerationManifest,
  MANIFEST_FILE,
  MANIFEST_FORMAT_VERSION,
  sealManifest,
} from "./manifest.js";

export const INDEX_FILE = "index.faiss";
export const VECTORS_FILE = "vectors.f32";

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
  /** IVF lists a search visits (INDEX_NPROBE); ignored by indexes without lists. */
  nprobe?: number;
}

export type NewBook = Omit<BookRecord, "chunkCount" | "firstLabel">;

export interface GenerationBuilder {
  readonly id: string;
  readonly chunkCount: number;
  addBook(book: NewBook, chunks: Chunk[], vectors: Float32Array[]): void;
  finish(): Promise<GenerationManifest>;
  abort(): void;
}

export function createGenerationBuilder(options: GenerationBuildOptions): GenerationBuilder {
  // A full disk must fail the whole publish with its real cause, not pass for a bad book.
  const indexDir = dirname(options.tempDir);
  const dims = options.embedder.dims;
  const flat = isFlatFactory(options.indexFactory);
  mkdirSync(options.tempDir, { recursive: true });
  const vectorsFile = flat ? INDEX_FILE : VECTORS_FILE;
  const vectorsOffset = flat ? FLAT_IP_HEADER_BYTES : 0;
  const vectorsFd = openSync(join(options.tempDir, vectorsFile), "w");
  if (flat) writeSync(vectorsFd, flatIpHeader(dims, 0));
  const keywordIndex = options.keywordIndex ?? true;
  const docstore: DocstoreWriter = createDocstoreWriter(join(options.tempDir, DOCSTORE_FILE), { keywordIndex });
  const books: BookRecord[] = [];
  let chunkCount = 0;
  let closed = false;

  function closeAll(): void {
    if (closed) return;
    closed = true;
    closeSync(vectorsFd);
    docstore.close();
  }

  return {
    id: options.id,
    get chunkCount() {
      return chunkCount;
    },
    addBook(book, chunks, vectors) {
      if (chunks.length !== vectors.length) {
        throw new Error(`${book.file}: ${chunks.length} chunks but ${vectors.length} vectors`);
      }
      for (const vector of vectors) {
        if (vector.length !== dims) throw new Error(`${book.file}: vector of ${vector.length} dims, index has ${dims}`);
      }
      const record: BookRecord = { ...book, chunkCount: chunks.length, firstLabel: chunkCount };
      try {
        docstore.addBook(record, chunks);
        writeVectors(vectorsFd, vectors);
      } catch (error) {
        throw asIndexWriteError(error, indexDir);
      }
      books.push(record);
      chunkCount += chunks.length;
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
        closeAll();
      } catch {
        // A full disk can refuse the docstore's last writes too; the temp dir goes regardless.
      }
      rmSync(options.tempDir, { recursive: true, force: true });
    },
  };

  async function finishWriting(): Promise<GenerationManifest> {
    if (flat) writeSync(vectorsFd, flatIpHeader(dims, chunkCount), 0, FLAT_IP_HEADER_BYTES, 0);
    closeAll();
    const nprobe = flat ? undefined : buildFactoryIndex(options, chunkCount);
    // Every file's fsync and sha256 at once: the fsyncs wait on the disk in libuv's pool while
    // the main thread hashes the same bytes from the page cache; one after the other, the waits
    // and the hashing would add up (measured in docs/performance.md).
    const names = [INDEX_FILE, DOCSTORE_FILE, ...(flat ? [] : [VECTORS_FILE])];
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
      ...(keywordIndex ? { keywordIndex: { table: KEYWORD_TABLE, terms: KEYWORD_TERMS_VERSION } } : {}),
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

// Straight from the embedder's arrays, no copy into one block first: a fresh 1.5 MB block per
// book cost more in page faults on a VM than the write itself. Groups of IOV_MAX (1024) rows.
function writeVectors(fd: number, vectors: Float32Array[]): void {
  const IOV_MAX = 1024;
  for (let first = 0; first < vectors.length; first += IOV_MAX) {
    const group = vectors.slice(first, first + IOV_MAX);
    let written = writevSync(fd, group);
    // A regular file takes a short write only when the disk fills up: write the rest row by
    // row, so the next write reports ENOSPC instead of the file silently missing rows.
    for (const vector of group) {
      const row = new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
      for (let done = Math.min(written, row.length); done < row.length; ) done += writeSync(fd, row, done);
      written = Math.max(0, written - row.length);
    }
  }
}

/**
 * IVF/HNSW and other FAISS factory strings: train on a sample, add in batches, write; then set
 * the IVF search's nprobe in the file. Returns the nprobe written (undefined: not an IVF index).
 */
function buildFactoryIndex(options: GenerationBuildOptions, count: number): number | undefined {
  const dims = options.embedder.dims;
  const faiss = loadFaiss();
  const index = faiss.Index.fromFactory(dims, options.indexFactory, MetricType.INNER_PRODUCT);
  const fd = openSync(join(options.tempDir, VECTORS_FILE), "r");
  const readRows = (start: number, rows: number): number[] => {
    const buffer = Buffer.alloc(rows * dims * 4);
    readSync(fd, buffer, 0, buffer.length, start * dims * 4);
    return Array.from(new Float32Array(buffer.buffer, buffer.byteOffset, rows * dims));
  };
  try {
    if (!index.isTrained()) {
      // A contiguous prefix is biased toward the first books; a strided sample is not.
      const sampleSize = trainingSampleSize(options.indexFactory, dims, count);
      const stride = Math.max(1, Math.floor(count / sampleSize));
      const sample = new Float32Array(sampleSize * dims);
      let taken = 0;
      for (let row = 0; row < count && taken < sampleSize; row += stride, taken++)
        sample.set(readRows(row, 1), taken * dims);
      index.train(Array.from(sample.subarray(0, taken * dims)));
    }
    const batch = 10_000;
    for (let start = 0; start < count; start += batch) index.add(readRows(start, Math.min(batch, count - start)));
    index.write(join(options.tempDir, INDEX_FILE));
  } finally {
    closeSync(fd);
  }
  return setIvfNprobe(join(options.tempDir, INDEX_FILE), options.nprobe ?? DEFAULT_NPROBE);
}

/**
 * How many vectors to train on: FAISS k-means wants ≥ 39 points per IVF list (it warns and
 * clusters poorly below that) and uses at most 256, so 64 per list, and never under 50k.
 */
function trainingSampleSize(factory: string, dims: number, count: number): number {
  const lists = Number(/IVF(\d+)/.exec(factory)?.[1] ?? 0);
  return Math.min(count, Math.max(dims * 40, 50_000, lists * 64));
}
