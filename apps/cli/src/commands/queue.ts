// `queue pause | resume | status [--json]`: pausing the BullMQ queues stops ingestion (runs may
// still be enqueued; they wait; active jobs finish). Status also shows workers held by
// INGESTION_ENABLED=false, which take no jobs whatever the queue state.

import { closeLogger } from "@ai-library/shared/logging";
import { type JobCounts, type QueueStatus, readQueueStatus } from "@ai-library/shared/queue";
import type { Command } from "commander";
import { type CliContext, createCliContext } from "../context.js";
import { openQueueClient, type QueueClient } from "../queue-client.js";

async function withClient(
  command: string,
  use: (client: QueueClient, context: CliContext) => Promise<void>,
): Promise<void> {
  const context = createCliContext();
  try {
    const client = await openQueueClient(context.config);
    try {
      await use(client, context);
    } finally {
      await client.close();
    }
  } catch (error) {
    console.error((error as Error).message);
    await context.reportFailure(`команда queue ${command} не выполнена`, error);
    process.exitCode = 1;
  } finally {
    await closeLogger(context.logger);
  }
}

const counts = (name: string, c: JobCounts) =>
  `  ${name}: ждут ${c.waiting}, выполняются ${c.active}, отложены ${c.delayed}, ошибок ${c.failed}, выполнено ${c.completed}` +
  (c.waitingChildren > 0 ? `, ждут свои книги ${c.waitingChildren}` : "");

function queueLine(status: QueueStatus): string {
  if (!status.paused) return "Очередь: работает";
  const since = status.pausedSince ? ` с ${status.pausedSince.slice(0, 16).replace("T", " ")} UTC` : "";
  return `Очередь: НА ПАУЗЕ${since} — новые задания ждут (\`pnpm ai-library queue resume\`)`;
}

export function formatQueueStatus(status: QueueStatus): string {
  const lines = [
    queueLine(status),
    counts("запуски", status.runs),
    counts("книги", status.books),
    `Воркеры: ${status.workers.length} (берут задания: ${status.consumingWorkers}, удержаны INGESTION_ENABLED=false: ${status.heldWorkers})`,
    ...status.workers.map(
      (worker) =>
        `  ${worker.workerId} — ${worker.ingestionEnabled ? `берёт задания (по ${worker.concurrency} книги), сейчас выполняет ${worker.activeJobs}` : "INGESTION_ENABLED=false: заданий не берёт"}, запущен ${worker.startedAt}`,
    ),
  ];
  if (status.workers.length === 0)
    lines.push("  Ни один воркер не запущен: задания будут ждать (`pnpm --filter @ai-library/worker start`).");
  return lines.join("\n");
}

export function registerQueueCommand(program: Command): void {
  const queue = program.command("queue").description("приостановить, возобновить или посмотреть очередь индексации");
  queue
    .command("pause")
    .description("не начинать новые задания индексации (новые прогоны ждут, текущие задания доделываются)")
    .action(() =>
      withClient("pause", async (client, context) => {
        await client.queues.pause();
        context.logger.info("Очередь индексации приостановлена из CLI");
        process.stdout.write("Очередь индексации на паузе: новые задания ждут, начатые завершатся.\n");
      }),
    );
  queue
    .command("resume")
    .description("снова брать задания индексации")
    .action(() =>
      withClient("resume", async (client, context) => {
        await client.queues.resume();
        context.logger.info("Очередь индексации возобновлена из CLI");
        process.stdout.write("Очередь индексации снова работает.\n");
      }),
    );
  queue
    .command("status")
    .description("приостановлена ли, число заданий, воркеры и INGESTION_ENABLED")
    .option("--json", "вывести JSON")
    .action((options: { json?: boolean }) =>
      withClient("status", async (client) => {
        const status = await readQueueStatus(client.queues, client.connection);
        process.stdout.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : `${formatQueueStatus(status)}\n`);
      }),
    );
}
