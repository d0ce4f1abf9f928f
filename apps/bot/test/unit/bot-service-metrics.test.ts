// The metrics each service exposes, scraped over real HTTP after a scripted session: questions,
// answers, latency, no-source answers, errors, the served generation and its age, reloads and
// refused generations (including a start-up fallback) and process metrics.

import { rollbackLiveGeneration } from "@ai-library/shared/index";
import { type MetricsServer, startMetricsServer } from "@ai-library/shared/metrics";
import { createLiveLibrary } from "@ai-library/shared/retrieval";
import { freePort } from "@ai-library/standins/net";
import { afterEach, describe, expect, it } from "vitest";
import { quietLogger } from "../../../../packages/shared/test/embeddings/quiet-logger.js";
import { tempStore } from "../../../../packages/shared/test/index/generation-helpers.js";
import {
  ASTRONOMY,
  corruptFile,
  embedder,
  GARDENING,
  generationFile,
  publishTexts,
} from "../../../../packages/shared/test/index/text-library.js";
import { sampleValue, scrape } from "../../../../packages/shared/test/metrics/scrape.js";
import { createBotServiceMetrics } from "../../src/metrics/bot-service-metrics.js";

const servers: MetricsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: Omit<Parameters<typeof startMetricsServer>[0], "port" | "logger">) {
  const server = await startMetricsServer({ ...options, port: await freePort(), logger: quietLogger() });
  servers.push(server);
  return server.port ?? 0;
}

describe("bot metrics", () => {
  it("counts a scripted session and describes the served generation", async () => {
    const store = tempStore();
    const first = await publishTexts(store, [ASTRONOMY]);
    const second = await publishTexts(store, [ASTRONOMY, GARDENING]);
    const logger = quietLogger();
    const library = createLiveLibrary({ store, embedder, logger });
    const now = Date.parse(second.createdAt) + 90_000;
    const metrics = createBotServiceMetrics({ library, store, logger, clock: () => now });
    metrics.index.recordReload(await library.reloadIfChanged());
    for (const [seconds, sources] of [
      [0.3, 2],
      [1.5, 0],
      [7, 1],
    ] as const) {
      metrics.bot.questionReceived();
      metrics.bot.answerSent({ durationSeconds: seconds, sourceCount: sources });
    }
    metrics.bot.questionReceived();
    metrics.bot.errorOccurred("timeout");
    metrics.bot.errorOccurred("telegram");
    metrics.bot.errorOccurred("telegram");
    logger.error("Telegram refused the message");
    const port = await serve({ registry: metrics.registry, health: () => ({ ok: true }) });

    const samples = await scrape(port);
    expect(sampleValue(samples, "ai_library_bot_questions_total")).toBe(4);
    expect(sampleValue(samples, "ai_library_bot_answers_total")).toBe(3);
    expect(sampleValue(samples, "ai_library_bot_answers_without_source_total")).toBe(1);
    expect(sampleValue(samples, "ai_library_bot_answer_duration_seconds_count")).toBe(3);
    expect(sampleValue(samples, "ai_library_bot_answer_duration_seconds_sum")).toBeCloseTo(8.8, 5);
    expect(sampleValue(samples, "ai_library_bot_answer_duration_seconds_bucket", { le: "1" })).toBe(1);
    expect(sampleValue(samples, "ai_library_bot_answer_duration_seconds_bucket", { le: "10" })).toBe(3);
    expect(sampleValue(samples, "ai_library_bot_last_answer_timestamp_seconds")).toBe(now / 1000);
    expect(sampleValue(samples, "ai_library_bot_errors_total", { kind: "telegram" })).toBe(2);
    expect(sampleValue(samples, "ai_library_bot_errors_total", { kind: "timeout" })).toBe(1);
    expect(sampleValue(samples, "ai_library_log_errors_total")).toBe(1);
    expect(sampleValue(samples, "ai_library_index_live_generation_info", { generation: second.id })).toBe(1);
    expect(sampleValue(samples, "ai_library_index_live_generation_age_seconds")).toBeCloseTo(90, 3);
    expect(sampleValue(samples, "ai_library_index_live_chunks")).toBe(4);
    expect(sampleValue(samples, "ai_library_index_live_books")).toBe(2);
    expect(sampleValue(samples, "ai_library_index_reloads_total", { outcome: "loaded" })).toBe(1);
    expect(sampleValue(samples, "ai_library_index_refused_generations_total")).toBe(0);
    expect(sampleValue(samples, "ai_library_index_serving_fallback")).toBe(0);
    // Process metrics from prom-client, every sample labelled with the service.
    expect(sampleValue(samples, "process_resident_memory_bytes")).toBeGreaterThan(10_000_000);
    expect(samples.some((sample) => sample.name === "nodejs_eventloop_lag_p99_seconds")).toBe(true);
    expect(samples.every((sample) => sample.labels.service === "bot")).toBe(true);

    // A rollback: the bot follows, the info gauge moves to the previous generation only.
    await rollbackLiveGeneration(store);
    metrics.index.recordReload(await library.reloadIfChanged());
    const after = await scrape(port);
    expect(sampleValue(after, "ai_library_index_live_generation_info", { generation: first.id })).toBe(1);
    expect(after.filter((sample) => sample.name === "ai_library_index_live_generation_info")).toHaveLength(1);
    expect(sampleValue(after, "ai_library_index_reloads_total", { outcome: "loaded" })).toBe(2);
    library.close();
  });

  it("shows a start-up fallback from a corrupted live generation until LIVE is repaired", async () => {
    const store = tempStore();
    const sound = await publishTexts(store, [ASTRONOMY]);
    const broken = await publishTexts(store, [GARDENING]);
    corruptFile(generationFile(store, broken.id, "index.faiss"));
    const library = createLiveLibrary({ store, embedder, logger: quietLogger() });
    const metrics = createBotServiceMetrics({ library, store });
    const outcome = await library.reloadIfChanged();
    expect(outcome).toMatchObject({ status: "fallback", id: sound.id, brokenId: broken.id });
    metrics.index.recordReload(outcome);
    const port = await serve({ registry: metrics.registry, health: () => ({ ok: true }) });

    const samples = await scrape(port);
    expect(sampleValue(samples, "ai_library_index_serving_fallback")).toBe(1);
    expect(sampleValue(samples, "ai_library_index_refused_generations_total")).toBe(1);
    expect(sampleValue(samples, "ai_library_index_reloads_total", { outcome: "fallback" })).toBe(1);
    expect(sampleValue(samples, "ai_library_index_live_generation_info", { generation: sound.id })).toBe(1);
    expect((await library.search("rings of Saturn", 1)).passages[0]?.title).toBe("Astronomy");

    await rollbackLiveGeneration(store);
    expect(sampleValue(await scrape(port), "ai_library_index_serving_fallback")).toBe(0);
    library.close();
  });
});
