// The ingest queue as an operator sees it from three places — /status in the bot, `queue status`
// in the CLI and the bot's /metrics (what the "stopped intake" alerts read) — with real worker
// processes on the same Redis prefix: one taking jobs, one held by INGESTION_ENABLED=false.
// All three give the same worker counts; a pause and waiting jobs with no worker show up too.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { announceHostServing, connectProducer, type QueueStatus } from "@ai-library/shared/queue";
import { freePort } from "@ai-library/standins/net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../cli/test/cli-helpers.js";
import { startReadyWorker, stopWorker, type WorkerProcess } from "../../../worker/test/helpers/processes.js";
import { type Scenario, startScenario } from "./scenario.js";

const admin = { id: 900, firstName: "Админ", languageCode: "ru" };
let scenario: Scenario;
let metricsPort: number;
let env: Record<string, string>;
let consuming: WorkerProcess;
let held: WorkerProcess;

async function metric(name: string, labels = ""): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const line = text.split("\n").find((entry) => entry.startsWith(`${name}{`) && entry.includes(labels));
  if (!line) throw new Error(`no ${name}{${labels}} in /metrics`);
  return Number(line.slice(line.lastIndexOf(" ") + 1));
}

async function cliStatus(): Promise<{ json: QueueStatus; text: string }> {
  const json = await runCli(["queue", "status", "--json"], env);
  expect(json.code, json.stderr).toBe(0);
  const text = await runCli(["queue", "status"], env);
  return { json: JSON.parse(json.stdout) as QueueStatus, text: text.stdout };
}

async function botStatus(): Promise<string> {
  const [status] = await scenario.ask(admin, "/status");
  return status?.text ?? "";
}

beforeAll(async () => {
  metricsPort = await freePort();
  scenario = await startScenario({
    env: { BOT_METRICS_PORT: String(metricsPort), ADMIN_USER_IDS: "900", QUEUE_PAUSED_ALERT_MINUTES: "15" },
  });
  env = {
    INDEX_DIR: scenario.library.indexDir,
    BOOKS_DIR: scenario.library.booksDir,
    LOG_DIR: mkdtempSync(join(tmpdir(), "queue-status-logs-")),
    QUEUE_PREFIX: scenario.prefix,
    WORKER_METRICS_PORT: "0",
  };
  [consuming, held] = await Promise.all([
    startReadyWorker(env),
    startReadyWorker({ ...env, INGESTION_ENABLED: "false" }),
  ]);
});

afterAll(async () => {
  await Promise.all([consuming, held].filter(Boolean).map(stopWorker));
  await scenario?.close();
  if (env?.LOG_DIR) rmSync(env.LOG_DIR, { recursive: true, force: true });
});

describe("worker counts and the stopped intake", () => {
  it("agree between /status, `queue status` and /metrics, held workers included", async () => {
    const { json, text } = await cliStatus();
    expect(json.workers).toHaveLength(2);
    expect(json).toMatchObject({ consumingWorkers: 1, heldWorkers: 1 });
    expect(text).toContain("Воркеры: 2 (берут задания: 1, удержаны INGESTION_ENABLED=false: 1)");
    const status = await botStatus();
    expect(status).toContain("воркеры: 2 (берут задания: 1, удержаны INGESTION_ENABLED=false: 1)");
    expect(status).not.toContain("Хосты"); // one host: no heartbeats, no hosts line
    expect(await metric("ai_library_queue_workers", 'ingestion="enabled"')).toBe(1);
    expect(await metric("ai_library_queue_workers", 'ingestion="disabled"')).toBe(1);
  });

  it("names the generation each host serves, from the hosts' heartbeats (several hosts)", async () => {
    const redis = await connectProducer("redis://127.0.0.1:6379");
    try {
      const at = new Date().toISOString();
      await announceHostServing(redis, scenario.prefix, { host: "bot-b", role: "follower", at }, 30);
      await announceHostServing(
        redis,
        scenario.prefix,
        { host: "publisher-a", role: "publisher", generationId: "20261206T120000Z-abc", at },
        30,
      );
      expect(await botStatus()).toContain(
        "Хосты (какое поколение обслуживают): bot-b — пока ничего; publisher-a — 20261206T120000Z-abc",
      );
    } finally {
      await redis.del(`${scenario.prefix}:index:hosts:bot-b`, `${scenario.prefix}:index:hosts:publisher-a`);
      await redis.quit();
    }
  });

  it("measures a pause from `queue pause` and exports the alert threshold from QUEUE_PAUSED_ALERT_MINUTES", async () => {
    expect((await runCli(["queue", "pause"], env)).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await metric("ai_library_queue_paused")).toBe(1);
    expect(await metric("ai_library_queue_paused_seconds")).toBeGreaterThanOrEqual(1);
    expect(await metric("ai_library_queue_paused_alert_seconds")).toBe(15 * 60);
    expect((await cliStatus()).text).toMatch(/Очередь: НА ПАУЗЕ с \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(await botStatus()).toContain("Очередь индексации: на паузе");
    expect((await runCli(["queue", "resume"], env)).code).toBe(0);
    expect(await metric("ai_library_queue_paused_seconds")).toBe(0);
  });

  it("shows jobs waiting with no worker taking them once the consuming worker stops", async () => {
    await stopWorker(consuming);
    const enqueued = await runCli(["ingest", "--folder", scenario.library.booksDir, "--force"], env);
    expect(enqueued.code, enqueued.stderr).toBe(0);
    const { json } = await cliStatus();
    expect(json).toMatchObject({ consumingWorkers: 0, heldWorkers: 1 });
    expect(json.runs.waiting + json.books.waiting).toBeGreaterThan(0);
    expect(await botStatus()).toContain("воркеры: 1 (берут задания: 0, удержаны INGESTION_ENABLED=false: 1)");
    // What AiLibraryJobsWaitingNoWorker reads.
    expect(await metric("ai_library_queue_workers", 'ingestion="enabled"')).toBe(0);
    const waiting =
      (await metric("ai_library_queue_jobs", 'queue="runs",state="waiting"')) +
      (await metric("ai_library_queue_jobs", 'queue="books",state="waiting"'));
    expect(waiting).toBe(json.runs.waiting + json.books.waiting);
  });
});
