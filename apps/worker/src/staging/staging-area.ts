// Where book jobs leave their results for the run job: INDEX_DIR/staging/<fingerprint>/.
// Keyed by the book's content hash and a fingerprint of the embedder and chunking, so a retry,
// a second worker or the next run finds a book already prepared and never pays to embed it
// twice. Multi-machine setups need INDEX_DIR on a shared disk (same path on every machine).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ChunkingOptions } from "@ai-library/shared/chunking";
import { CHUNKER_VERSION } from "@ai-library/shared/chunking";
import type { EmbedderIdentity } from "@ai-library/shared/embeddings";
import { bookPostingsFaults, replaceFileAtomically } from "@ai-library/shared/index";
import type { PreparedBook } from "@ai-library/shared/pipeline";
import {
  packVectors,
  STAGED_FORMAT_VERSION,
  type StagedBookMeta,
  stagedBookMetaSchema,
  stagedFileNames,
  unpackVectors,
} from "./staged-book-file.js";

export interface StagingArea {
  readonly dir: string;
  /** Cheap check: the book's metadata file exists (it is written last). */
  has(bookId: string): boolean;
  write(prepared: PreparedBook): StagedBookMeta;
  /** The staged book, or undefined when it is missing, incomplete or from other settings. */
  read(bookId: string): (PreparedBook & { meta: StagedBookMeta }) | undefined;
  remove(bookId: string): void;
  /** Deletes staged books older than `maxAgeMs` (left by runs that never finished). */
  removeOlderThan(maxAgeMs: number, now?: number): string[];
}

export interface StagingIdentity {
  /** Read at each use: an OpenAI-compatible embedder learns its dims from its first reply. */
  embedder: { readonly identity: EmbedderIdentity };
  chunking: ChunkingOptions;
}

/** Provider, model and chunking; not dims, which may be unknown until the first embedding. */
export function stagingFingerprint(embedder: EmbedderIdentity, chunking: ChunkingOptions): string {
  const canonical = JSON.stringify([
    embedder.provider,
    embedder.model,
    CHUNKER_VERSION,
    chunking.chunkSize,
    chunking.chunkOverlap,
  ]);
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

export function openStagingArea(indexDir: string, identity: StagingIdentity): StagingArea {
  const fingerprint = stagingFingerprint(identity.embedder.identity, identity.chunking);
  const dir = join(indexDir, "staging", fingerprint);
  mkdirSync(dir, { recursive: true });
  const paths = (bookId: string) => {
    const names = stagedFileNames(bookId);
    return { meta: join(dir, names.meta), vectors: join(dir, names.vectors) };
  };

  return {
    dir,
    has: (bookId) => existsSync(paths(bookId).meta),
    write(prepared) {
      const { bookId } = prepared.record;
      const dims = prepared.vectors[0]?.length ?? identity.embedder.identity.dims;
      const meta: StagedBookMeta = {
        v: STAGED_FORMAT_VERSION,
        fingerprint,
        dims,
        record: prepared.record,
        chunks: prepared.chunks,
        ...(prepared.postings ? { postings: prepared.postings } : {}),
        stagedAt: new Date().toISOString(),
      };
      const target = paths(bookId);
      replaceFileAtomically(target.vectors, packVectors(prepared.vectors, dims));
      replaceFileAtomically(target.meta, JSON.stringify(meta));
      return meta;
    },
    read(bookId) {
      const target = paths(bookId);
      let raw: string;
      let vectorBytes: Buffer;
      try {
        raw = readFileSync(target.meta, "utf8");
        vectorBytes = readFileSync(target.vectors);
      } catch {
        return undefined;
      }
      const parsed = stagedBookMetaSchema.safeParse(JSON.parse(raw));
      if (!parsed.success || parsed.data.fingerprint !== fingerprint || parsed.data.record.bookId !== bookId)
        return undefined;
      const meta = parsed.data;
      const dims = meta.dims;
      // Vectors of another length cannot go into this generation (the embedder's dims changed).
      if (dims !== identity.embedder.identity.dims || vectorBytes.length !== meta.chunks.length * dims * 4)
        return undefined;
      return {
        meta,
        record: meta.record,
        chunks: meta.chunks,
        vectors: unpackVectors(vectorBytes, dims, meta.chunks.length),
        // Postings that do not fit the chunks are ignored: the publish computes them.
        ...(meta.postings && bookPostingsFaults(meta.postings, meta.chunks.length).length === 0
          ? { postings: meta.postings }
          : {}),
      };
    },
    remove(bookId) {
      const target = paths(bookId);
      rmSync(target.meta, { force: true });
      rmSync(target.vectors, { force: true });
    },
    removeOlderThan(maxAgeMs, now = Date.now()) {
      const removed: string[] = [];
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (now - statSync(path).mtimeMs > maxAgeMs) {
          rmSync(path, { force: true });
          removed.push(name);
        }
      }
      return removed;
    },
  };
}
