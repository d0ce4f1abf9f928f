// Queued ingest (`ingest --folder DIR [--wait] [--force]` without --inline): enqueue one run for
// the worker, print its id, and with --wait follow it to the end. Exit 0 only if published.
import type { IngestProgress } from "@ai-library/shared/pipeline";
import {
  type EnqueueRunOutcome,
  enqueueIngestRun as enqueueRun,
  isFinished,
  type RunProgress,
  readRunProgress,
  runSettingsFromConfig,
} from "@ai-library/shared/queue";
import type { CliContext } from "../context.js";
import { createProgressReporter } from "../output/progress-reporter.js";
import { openQueueClient, type QueueClient } from "../queue-client.js";
import { printRunRecord } from "./ingest-status.js";

export async function enqueueIngestRun(
  context: CliContext,
  client: QueueClient,
  request: { folder: string; force?: boolean; full?: boolean },
): Promise<EnqueueRunOutcome> {
  return enqueueRun(
    {
      queues: client.queues,
      history: client.history,
      settings: runSettingsFromConfig(context.config),
      liveGenerationId: () => context.store.liveId(),
    },
    request,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** " (OCR 12/300)" while scanned pages are recognised, " (40/120)" chunks while embedding. */
function bookStep(book: RunProgress["current"][number]): string {
  if (book.phase === "ocr") return ` (OCR ${book.ocrDone ?? 0}/${book.ocrTotal ?? 0})`;
  return book.chunksTotal > 0 ? ` (${book.chunksDone}/${book.chunksTotal})` : "";
}

function toIngestProgress(progress: RunProgress): IngestProgress {
  const [first, ...others] = progress.current;
  const currentFile =
    progress.phase === "publishing"
      ? "публикация поколения индекса…"
      : first
        ? `${first.file}${bookStep(first)}${others.length > 0 ? ` и ещё ${others.length}` : ""}`
        : progress.phase === "waiting"
          ? "ждёт воркер…"
          : undefined;
  return {
    booksTotal: progress.booksTotal,
    booksDone: progress.booksDone,
    chunksEmbedded: progress.current.reduce((sum, book) => sum + book.chunksDone, 0),
    pages: progress.pages,
    ...(currentFile ? { currentFile } : {}),
  };
}

/** Polls the run until it finishes, drawing progress on stderr; returns the final state. */
export async function followRun(
  client: QueueClient,
  runId: string,
  options: { pollMs?: number; quiet?: boolean } = {},
): Promise<RunProgress> {
  const reporter = options.quiet ? undefined : createProgressReporter(process.stderr);
  try {
    for (;;) {
      const progress = await readRunProgress(client.queues, client.history, runId);
      reporter?.update(toIngestProgress(progress));
      if (isFinished(progress.phase)) return progress;
      await sleep(options.pollMs ?? 500);
    }
  } finally {
    reporter?.stop();
  }
}

const OUTCOME_TEXT: Record<EnqueueRunOutcome["status"], string> = {
  enqueued: "поставлен в очередь",
  "already-queued": "уже в очереди (тот же набор книг), новый не создан",
  retried: "ранее завершился ошибкой и перезапущен",
  "already-live": "эти книги уже в живом индексе, индексировать нечего (--force — переиндексировать)",
};

/** `ingest` without --inline. Returns the process exit code. */
export async function runQueuedIngest(
  context: CliContext,
  options: { folder: string; wait?: boolean; json?: boolean; force?: boolean; full?: boolean },
): Promise<number> {
  const client = await openQueueClient(context.config);
  try {
    const outcome = await enqueueIngestRun(context, client, {
      folder: options.folder,
      force: options.force === true,
      full: options.full === true,
    });
    context.logger.info(`Прогон индексации ${outcome.runId}: ${outcome.status}`, {
      folder: options.folder,
      full: options.full,
    });
    if (!options.wait) {
      if (options.json) process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
      else
        process.stdout.write(
          `${outcome.runId}\nЗапуск ${outcome.runId}: ${OUTCOME_TEXT[outcome.status]}. Ход: pnpm ai-library ingest status ${outcome.runId}\n`,
        );
      return 0;
    }
    if (outcome.status === "already-live") {
      if (options.json) process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
      else process.stdout.write(`Запуск ${outcome.runId}: ${OUTCOME_TEXT[outcome.status]}\n`);
      return 0;
    }
    if (!options.json) process.stderr.write(`Запуск ${outcome.runId}: ${OUTCOME_TEXT[outcome.status]}\n`);
    const final = await followRun(client, outcome.runId, { quiet: options.json === true });
    printRunRecord(final, options.json === true);
    return final.phase === "published" ? 0 : 1;
  } finally {
    await client.close();
  }
}
