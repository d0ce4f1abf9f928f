// The heart of the publish step: every book of the run goes into the new generation from the
// live generation (unchanged) or from staging (prepared by its child job), or is reported as
// failed with the reason its child job gave. Books are added in the order of the scan.
import { setImmediate as setImmediatePromise } from "node:timers/promises";
import type { GenerationBuilder, LoadedGeneration } from "@ai-library/shared/index";
import type { BookOutcome } from "@ai-library/shared/pipeline";
import {
  type BookJobResult,
  bookJobResultSchema,
  type IngestRunPayload,
  parseBookFailure,
} from "@ai-library/shared/queue";
import type { StagingArea } from "../staging/staging-area.js";

export interface ChildOutcomes {
  /** Child job id → what the child returned. */
  results: Map<string, BookJobResult>;
  /** Child job id → BullMQ failure reason of a child that failed for good. */
  failures: Map<string, string>;
}

/** BullMQ reports children by key (`<prefix>:<queue>:<jobId>`); job ids contain no ":". */
const jobIdOfKey = (key: string) => key.slice(key.lastIndexOf(":") + 1);

export function childOutcomes(
  values: Record<string, unknown> | undefined,
  failures: Record<string, string>,
): ChildOutcomes {
  const results = new Map<string, BookJobResult>();
  for (const [key, value] of Object.entries(values ?? {})) {
    const parsed = bookJobResultSchema.safeParse(value);
    if (parsed.success) results.set(jobIdOfKey(key), parsed.data);
  }
  return { results, failures: new Map(Object.entries(failures).map(([key, reason]) => [jobIdOfKey(key), reason])) };
}

export interface AssembleDeps {
  run: IngestRunPayload;
  children: ChildOutcomes;
  previous: LoadedGeneration | undefined;
  staging: StagingArea;
  signal?: AbortSignal;
  onBookAdded?: (added: number, total: number) => void;
}

export interface Assembly {
  outcomes: BookOutcome[];
  /** Books taken from staging: their staged files can go once the generation is live. */
  stagedBookIds: string[];
}

/**
 * Yields to the event loop after every book: a large library takes a while to copy, and the
 * job's lock must keep being renewed meanwhile or another worker would take the run over.
 */
export async function assembleBooks(builder: GenerationBuilder, deps: AssembleDeps): Promise<Assembly> {
  const { run, children, previous, staging } = deps;
  const outcomes: BookOutcome[] = run.skipped.map((book) => ({ ...book }));
  const stagedBookIds: string[] = [];
  for (const [index, book] of run.books.entries()) {
    deps.signal?.throwIfAborted();
    const failure = children.failures.get(book.childJobId);
    const reused = failure === undefined ? previous?.book(book.bookId) : undefined;
    if (failure !== undefined) {
      outcomes.push({ file: book.file, status: "failed", bookId: book.bookId, ...parseBookFailure(failure) });
    } else if (previous && reused) {
      builder.addBook(
        { ...reused, file: book.file },
        previous.chunksOfBook(book.bookId),
        previous.vectorsOfBook(book.bookId),
      );
      const pages = reused.pages;
      outcomes.push({
        file: book.file,
        status: "unchanged",
        bookId: book.bookId,
        title: reused.title,
        chunks: reused.chunkCount,
        ...(pages !== undefined ? { pages } : {}),
      });
    } else {
      const staged = staging.read(book.bookId);
      if (staged) {
        builder.addBook({ ...staged.record, file: book.file }, staged.chunks, staged.vectors);
        stagedBookIds.push(book.bookId);
        const pages = staged.record.pages;
        outcomes.push({
          file: book.file,
          status: "indexed",
          bookId: book.bookId,
          title: staged.record.title,
          chunks: staged.chunks.length,
          ...(pages !== undefined ? { pages } : {}),
        });
      } else {
        const known = children.results.has(book.childJobId);
        outcomes.push({
          file: book.file,
          status: "failed",
          bookId: book.bookId,
          reason: known
            ? `${book.file}: its prepared chunks are gone from the staging folder and the live index; run \`pnpm ai-library ingest --force\``
            : `${book.file}: its book job left no result (removed from the queue?); run \`pnpm ai-library ingest --force\``,
        });
      }
    }
    deps.onBookAdded?.(index + 1, run.books.length);
    await setImmediatePromise();
  }
  return { outcomes, stagedBookIds };
}
