// The queue as the bot exports it, against a real Redis queue (own prefix, removed afterwards):
// how long `queue pause` has held the queue — measured from the pause itself, which a second
// pause does not move and a resume clears — the alert threshold, and readable 0 without Redis.
import { randomBytes } from "node:crypto";
import { createMetricsRegistry } from "@ai-library/shared/metrics";
import { openIngestQueues, readQueueStatus } from "@ai-library/shared/queue";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { parseExposition, sampleValue } from "../../../../packages/shared/test/metrics/scrape.js";
import { defineQueueMetrics } from "../../src/metrics/queue-metrics.js";

const prefix = `test-queue-metrics-${randomBytes(4).toString("hex")}`;
const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
const queues = openIngestQueues(connection, prefix);

afterAll(async () => {
  await queues.runs.obliterate({ force: true });
  await queues.books.obliterate({ force: true });
  await queues.close();
  const keys = await connection.keys(`${prefix}:*`);
  if (keys.length > 0) await connection.del(...keys);
  await connection.quit();
});

describe("queue metrics (bot)", () => {
  it("measure a pause from `queue pause` and export the QUEUE_PAUSED_ALERT_MINUTES threshold", async () => {
    let now = Date.now();
    let redisUp = true;
    const registry = createMetricsRegistry({ service: "bot", processMetrics: false });
    defineQueueMetrics(registry, {
      readQueue: () => (redisUp ? readQueueStatus(queues, connection) : Promise.reject(new Error("ECONNREFUSED"))),
      pausedAlertSeconds: 600,
      clock: () => now,
    });
    // One scrape after another, as Prometheus does (one Redis read is shared within a scrape only).
    const read = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return parseExposition(await registry.metrics());
    };

    let samples = await read();
    expect(sampleValue(samples, "ai_library_queue_paused")).toBe(0);
    expect(sampleValue(samples, "ai_library_queue_paused_seconds")).toBe(0);
    expect(sampleValue(samples, "ai_library_queue_paused_alert_seconds")).toBe(600);

    await queues.pause();
    const since = await queues.pausedSince();
    expect(since).toBeDefined();
    now = Date.parse(since ?? "") + 700_000;
    await queues.pause(); // a second pause keeps the first one's time
    expect(await queues.pausedSince()).toBe(since);
    samples = await read();
    expect(sampleValue(samples, "ai_library_queue_paused")).toBe(1);
    expect(sampleValue(samples, "ai_library_queue_paused_seconds")).toBe(700);
    expect((await readQueueStatus(queues, connection)).pausedSince).toBe(since);

    await queues.resume();
    expect(await queues.pausedSince()).toBeUndefined();
    samples = await read();
    expect(sampleValue(samples, "ai_library_queue_paused_seconds")).toBe(0);
    expect(sampleValue(samples, "ai_library_queue_readable")).toBe(1);
    expect(sampleValue(samples, "ai_library_queue_workers", { ingestion: "enabled" })).toBe(0);

    redisUp = false;
    samples = await read();
    expect(sampleValue(samples, "ai_library_queue_readable")).toBe(0);
  });
});
