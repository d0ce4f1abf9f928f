// `ingest status [RUN_ID] [--json]`: the recent runs (state, counts, duration) or one run in
// detail with the reason of every failed book. Works after BullMQ has dropped the run's jobs.

import { closeLogger } from "@ai-library/shared/logging";
import { RunNotFoundError, type RunPhase, type RunProgress, readRunProgress } from "@ai-library/shared/queue";
import type { Command } from "commander";
import { createCliContext } from "../context.js";
import { describeFullRebuild } from "../output/full-rebuild-line.js";
import { openQueueClient } from "../queue-client.js";

const PHASE_TEXT: Record<RunPhase, string> = {
  waiting: "ждёт воркер",
  working: "идёт",
  publishing: "публикуется",
  published: "опубликован",
  nothing_published: "НЕ опубликован",
  failed: "ОШИБКА",
  lost: "потерян (задания удалены из очереди)",
};

const seconds = (ms: number | undefined) => (ms === undefined ? "—" : `${(ms / 1000).toFixed(1)} с`);

function describeRun(progress: RunProgress): string[] {
  const record = progress.record;
  const lines = [
    `Запуск ${progress.runId} — ${PHASE_TEXT[progress.phase]}${record?.generationId ? ` (поколение ${record.generationId})` : ""}`,
  ];
  if (record)
    lines.push(
      `  папка: ${record.folder}`,
      `  поставлен: ${record.enqueuedAt}, длительность: ${seconds(record.durationMs)}`,
    );
  const counts = record?.counts;
  if (counts) {
    lines.push(
      `  книг: ${record.booksTotal} — проиндексировано ${counts.indexed}, без изменений ${counts.unchanged}, ошибок ${counts.failed}, дубликатов ${counts.duplicate}; ` +
        `страниц ${record.pages ?? 0}, фрагментов ${record.chunkCount ?? 0} (заново векторизовано ${record.embeddedChunks ?? 0})`,
    );
    if (record.full && record.state === "published") {
      const facts = { embeddedChunks: record.embeddedChunks ?? 0, chunkCount: record.chunkCount ?? 0 };
      lines.push(`  ${describeFullRebuild({ booksIndexed: counts.indexed, ...facts })}`);
    }
  } else {
    lines.push(
      `  книг готово: ${progress.booksDone}/${progress.booksTotal}, с ошибками: ${progress.booksFailed}, страниц: ${progress.pages}`,
    );
    for (const book of progress.current)
      lines.push(
        book.phase === "ocr"
          ? `  сейчас: ${book.file} (распознавание OCR, страниц ${book.ocrDone ?? 0}/${book.ocrTotal ?? 0})`
          : `  сейчас: ${book.file} (${book.phase}, фрагментов ${book.chunksDone}/${book.chunksTotal})`,
      );
  }
  const failedBooks = record?.failedBooks ?? [];
  if (failedBooks.length > 0) {
    lines.push("  Книги с ошибками:");
    for (const book of failedBooks)
      lines.push(`    ${book.errorKind ? `[${book.errorKind}] ` : ""}${book.file} — ${book.reason}`);
  }
  if (progress.failure) lines.push(`  Причина: ${progress.failure}`);
  return lines;
}

/** The final report of `ingest --wait`, and the detail view of `ingest status RUN_ID`. */
export function printRunRecord(progress: RunProgress, json: boolean): void {
  process.stdout.write(json ? `${JSON.stringify(progress, null, 2)}\n` : `${describeRun(progress).join("\n")}\n`);
}

function runLine(progress: RunProgress): string {
  const record = progress.record;
  const failed = record?.counts?.failed ?? progress.booksFailed;
  return [
    progress.runId.padEnd(26),
    PHASE_TEXT[progress.phase].padEnd(16),
    (record?.enqueuedAt.replace("T", " ").slice(0, 19) ?? "—").padEnd(20),
    seconds(record?.durationMs).padEnd(9),
    `${progress.booksDone}/${progress.booksTotal}`.padEnd(8),
    String(failed).padEnd(7),
    record?.generationId ?? "—",
  ].join(" ");
}

export function registerIngestStatusCommand(ingest: Command): void {
  ingest
    .command("status")
    .description("последние прогоны индексации или один прогон с причиной по каждой неудавшейся книге")
    .argument("[runId]", "id прогона, который напечатала `ingest`")
    .option("--json", "вывести JSON")
    .option("--limit <n>", "сколько последних прогонов", (value) => Number.parseInt(value, 10), 10)
    .action(async (runId: string | undefined, own: { json?: boolean; limit: number }, command: Command) => {
      // `ingest` has a --json of its own; commander gives it the flag when it follows `status`.
      const options = {
        ...own,
        json: own.json === true || command.optsWithGlobals<{ json?: boolean }>().json === true,
      };
      const context = createCliContext();
      const client = await openQueueClient(context.config).catch(async (error: Error) => {
        console.error(error.message);
        await context.reportFailure("команда ingest status не выполнена", error);
        process.exitCode = 1;
      });
      if (!client) return closeLogger(context.logger);
      try {
        if (runId) {
          printRunRecord(await readRunProgress(client.queues, client.history, runId), options.json === true);
          return;
        }
        const records = await client.history.recent(options.limit);
        const runs = await Promise.all(
          records.map((record) => readRunProgress(client.queues, client.history, record.runId)),
        );
        if (options.json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
        else if (runs.length === 0) process.stdout.write("Запусков индексации ещё не было.\n");
        else {
          const header = [
            "ЗАПУСК".padEnd(26),
            "СОСТОЯНИЕ".padEnd(16),
            "ПОСТАВЛЕН (UTC)".padEnd(20),
            "ДЛИТ.".padEnd(9),
            "КНИГ".padEnd(8),
            "ОШИБОК".padEnd(7),
            "ПОКОЛЕНИЕ",
          ];
          process.stdout.write(`${[header.join(" "), ...runs.map(runLine)].join("\n")}\n`);
        }
      } catch (error) {
        console.error(
          error instanceof RunNotFoundError
            ? error.message
            : `Команда ingest status не выполнена: ${(error as Error).message}`,
        );
        await context.reportFailure("команда ingest status не выполнена", error);
        process.exitCode = 1;
      } finally {
        await client.close();
        await closeLogger(context.logger);
      }
    });
}
