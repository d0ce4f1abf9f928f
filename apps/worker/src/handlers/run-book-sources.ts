// Where the run job finds each book of its run: a book job that failed for good gives the
// failure, the live generation gives an unchanged book (prepareOrReuseBook), and the staging
// area gives a book its job prepared. A book found in none of them is reported with what to do.
import type { GenerationBuilder } from "@ai-library/shared/index";
import { type BookOutcome, prepareOrReuseBook, type ReusableBooks } from "@ai-library/shared/pipeline";
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

export type RunBook = IngestRunPayload["books"][number];

export interface RunBookSources {
  children: ChildOutcomes;
  previous: ReusableBooks | undefined;
  staging: StagingArea;
  /** Books taken from staging are listed here: their staged files can go once the generation is live. */
  stagedBookIds: string[];
}

/** The `addBook` of assembleGeneration for a run job. */
export function addBookOfRun(builder: GenerationBuilder, sources: RunBookSources) {
  const { children, staging } = sources;
  return async (book: RunBook): Promise<BookOutcome> => {
    const failure = children.failures.get(book.childJobId);
    if (failure !== undefined)
      return { file: book.file, status: "failed", bookId: book.bookId, ...parseBookFailure(failure) };
    return prepareOrReuseBook(builder, book, {
      previous: sources.previous,
      prepare: async () => {
        const staged = staging.read(book.bookId);
        if (staged) {
          sources.stagedBookIds.push(book.bookId);
          return staged;
        }
        const known = children.results.has(book.childJobId);
        return {
          file: book.file,
          status: "failed",
          bookId: book.bookId,
          reason: known
            ? `${book.file}: её подготовленных фрагментов нет ни в области подготовки, ни в живом индексе; выполните \`pnpm ai-library ingest --force\``
            : `${book.file}: задание книги не оставило результата (удалено из очереди?); выполните \`pnpm ai-library ingest --force\``,
        };
      },
    });
  };
}
