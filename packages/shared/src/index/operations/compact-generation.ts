// Folding a segmented live generation into one segment (Lucene's merge), as a publish of its own
// once the run that added the last segment is live: every live book from the live generation's
// stored chunks and vectors (nothing parsed or embedded again), its keyword postings from the
// segments' keywords.bin files (rows of removed books left out), one book at a time (memory
// bounded as in any full publish; no FAISS index loaded). The result answers exactly as the
// live generation does (derived = full). The worker does it after a run that left
// COMPACT_AT_SEGMENTS or more segments (or COMPACT_AT_DEAD_SHARE of dead rows), the operator with
// `index compact`; a publish at MAX_SEGMENTS folds anyway, so a missed compaction costs speed only.

import { join } from "node:path";
import { NoLiveGenerationError } from "../generation/errors.js";
import { openGenerationData } from "../generation/generation-data.js";
import type { IndexStore } from "../generation/index-store.js";
import type { GenerationManifest } from "../generation/manifest.js";
import { segmentsOf } from "../generation/segments.js";
import { bookPostings } from "../keyword/book-postings.js";

/** Segments from which the worker folds a generation after its run (MAX_SEGMENTS forces it in a publish). */
export const COMPACT_AT_SEGMENTS = 5;
/** Share of dead rows (removed books') from which the worker folds a generation after its run. */
export const COMPACT_AT_DEAD_SHARE = 0.15;

/** Why the generation should be folded, or undefined when it is fine as it is. */
export function compactionReason(manifest: GenerationManifest): string | undefined {
  const segments = segmentsOf(manifest);
  if (segments.length >= COMPACT_AT_SEGMENTS) return `${segments.length} сегментов`;
  const rows = segments.reduce((sum, segment) => sum + segment.rows, 0);
  const dead = segments.reduce((sum, segment) => sum + segment.deadRows, 0);
  if (rows > 0 && dead / rows >= COMPACT_AT_DEAD_SHARE) {
    return `${Math.round((100 * dead) / rows)} % строк — удалённые книги`;
  }
  return undefined;
}

export type CompactionOutcome =
  | { kind: "compacted"; fromId: string; generationId: string; segments: number; chunkCount: number; seconds: number }
  /** Nothing to fold (one segment, no dead rows), or another generation went live meanwhile. */
  | { kind: "skipped"; reason: string };

class Superseded extends Error {}

export async function compactLiveGeneration(
  store: IndexStore,
  options: { force?: boolean } = {},
): Promise<CompactionOutcome> {
  const started = performance.now();
  const liveId = store.liveId();
  if (!liveId) throw new NoLiveGenerationError(store.dir);
  // Its files are read, not loaded: the fold needs chunks and vectors, not a searchable index.
  const live = await openGenerationData(store.generationDir(liveId));
  try {
    const { manifest } = live;
    const segments = segmentsOf(manifest);
    const reason = compactionReason(manifest);
    if (!reason && !(options.force && (segments.length > 1 || segments.some((segment) => segment.deadRows > 0)))) {
      return { kind: "skipped", reason: `поколение ${manifest.id} — один сегмент без удалённых книг` };
    }
    const folded = await store.publish(
      {
        embedder: manifest.embedder,
        chunking: manifest.chunking,
        indexFactory: manifest.indexFactory,
        keywordIndex: manifest.keywordIndex !== undefined,
        ...(manifest.nprobe !== undefined ? { nprobe: manifest.nprobe } : {}),
      },
      async (builder) => {
        // Under the publish lock now: a run that went live since would be undone by this fold.
        if (store.liveId() !== manifest.id) throw new Superseded();
        // Segment by segment, each one's books in its own row order: the keyword postings are
        // then taken from each segment's keywords.bin in one pass, left-out rows skipped, instead
        // of computed again from every chunk's text (most of a fold's time before). Generations
        // whose keyword index is an FTS5 table have no such file: their books' are computed.
        for (const segment of segments) {
          const books = [...segment.books].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
          for (const book of books) {
            const { chunkCount, firstLabel, segment: _segment, row: _row, ...record } = book;
            const chunks = live.chunksOfBook(book.bookId);
            const keywords = segment.keywords
              ? { file: join(live.dir, segment.keywords), firstLabel, count: chunkCount }
              : bookPostings(book.title, chunks);
            builder.addBook(record, chunks, live.vectorsOfBook(book.bookId), keywords);
          }
        }
      },
    );
    return {
      kind: "compacted",
      fromId: manifest.id,
      generationId: folded.id,
      segments: segments.length,
      chunkCount: folded.chunkCount,
      seconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    if (error instanceof Superseded)
      return { kind: "skipped", reason: "пока шло слияние, живым стало другое поколение" };
    throw error;
  } finally {
    live.close();
  }
}
