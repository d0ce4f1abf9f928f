// Operators' controls through the real CLI and worker: `queue pause` holds new runs until
// `queue resume`; INGESTION_ENABLED=false keeps a worker up (health) but consuming nothing;
// `ingest --wait` exits 0 only when a generation is published; `ingest status` reports runs.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { QueueStatus, RunProgress } from "@ai-library/shared/queue";
import { freePort } from "@ai-library/standins/net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeBrokenPdf, writeTextBooks } from "./helpers/books.js";
import { runCli, startReadyWorker, stopWorker, type WorkerProcess } from "./helpers/processes.js";
import { createTestEnv, type TestEnv } from "./helpers/test-env.js";

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("operator controls", () => {
  let world: TestEnv;
  const workers: WorkerProcess[] = [];

  beforeEach(async () => {
    world = await createTestEnv();
    writeTextBooks(world.books, 2);
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map(stopWorker));
    await world.cleanup();
  });

  async function queueStatus(): Promise<QueueStatus> {
    const result = await runCli(["queue", "status", "--json"], world.env);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as QueueStatus;
  }

  it("pause: a new run waits while active work is allowed to finish; resume: it runs", async () => {
    workers.push(await startReadyWorker(world.env));
    expect((await runCli(["queue", "pause"], world.env)).code).toBe(0);

    const enqueued = await runCli(["ingest", "--folder", world.books], world.env);
    expect(enqueued.code, enqueued.stderr).toBe(0);
    const runId = enqueued.stdout.split("\n")[0] ?? "";
    expect(runId).toMatch(/^run-[0-9a-f]{20}$/);

    await settle(3_000);
    expect((await world.progress(runId)).phase).toBe("waiting");
    const paused = await queueStatus();
    expect(paused.paused).toBe(true);
    expect(paused.books.waiting).toBe(2);
    expect(paused.consumingWorkers).toBe(1);

    expect((await runCli(["queue", "resume"], world.env)).code).toBe(0);
    expect((await world.waitForRun(runId)).phase).toBe("published");
    expect(await world.queues.isPaused()).toBe(false);
  });

  it("INGESTION_ENABLED=false: the worker stays up and healthy but consumes nothing", async () => {
    const port = await freePort();
    const held = await startReadyWorker({
      ...world.env,
      INGESTION_ENABLED: "false",
      WORKER_METRICS_PORT: String(port),
    });
    workers.push(held);
    expect(held.log()).toMatch(/INGESTION_ENABLED=false/);
    const { runId } = await world.enqueue();

    await settle(3_000);
    expect((await world.progress(runId)).phase).toBe("waiting");
    const status = await queueStatus();
    expect(status).toMatchObject({ paused: false, heldWorkers: 1, consumingWorkers: 0 });
    expect(status.books.waiting).toBe(2);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, ingestionEnabled: false });

    // The jobs were only waiting: a worker that does consume picks them up.
    workers.push(await startReadyWorker(world.env));
    expect((await world.waitForRun(runId)).phase).toBe("published");
  });

  it("ingest --wait exits 0 with the report when published, 1 when nothing could be published", async () => {
    const port = await freePort();
    workers.push(await startReadyWorker({ ...world.env, WORKER_METRICS_PORT: String(port) }));
    const ok = await runCli(["ingest", "--folder", world.books, "--wait", "--json"], world.env);
    expect(ok.code, ok.stderr).toBe(0);
    const report = JSON.parse(ok.stdout) as RunProgress;
    expect(report.phase).toBe("published");
    expect(report.record?.generationId).toBe(world.store.liveId());

    const brokenOnly = join(world.dir, "broken-only");
    mkdirSync(brokenOnly);
    writeBrokenPdf(brokenOnly);
    const failed = await runCli(["ingest", "--folder", brokenOnly, "--wait"], world.env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("broken.pdf");
    expect(world.store.liveId()).toBe(report.record?.generationId);

    const listed = await runCli(["ingest", "status", "--json"], world.env);
    expect(listed.code, listed.stderr).toBe(0);
    const runs = JSON.parse(listed.stdout) as RunProgress[];
    expect(runs.map((run) => run.phase)).toEqual(["nothing_published", "published"]);
    expect(runs[0]?.record?.failedBooks).toEqual([
      expect.objectContaining({ file: "broken.pdf", errorKind: "corrupt" }),
    ]);

    // What Prometheus scrapes from this worker after the two runs.
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^ai_library_worker_books_indexed_total\{[^}]*\} 2$/m);
    expect(metrics).toMatch(/^ai_library_worker_books_failed_total\{[^}]*reason="corrupt"[^}]*\} 1$/m);
    expect(metrics).toMatch(/^ai_library_worker_runs_total\{[^}]*outcome="published"[^}]*\} 1$/m);
    expect(metrics).toMatch(/^ai_library_worker_runs_total\{[^}]*outcome="nothing_published"[^}]*\} 1$/m);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it("says at once that Redis is unreachable, without its password, and points to --inline", async () => {
    const closedPort = await freePort();
    const result = await runCli(["ingest", "--folder", world.books], {
      ...world.env,
      REDIS_URL: `redis://queue:s3cret-pass@127.0.0.1:${closedPort}`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Redis по адресу redis://queue:***@127.0.0.1:${closedPort} недоступен`);
    expect(result.stderr).toContain("--inline");
    expect(result.stderr + result.stdout).not.toContain("s3cret-pass");
  });
});
