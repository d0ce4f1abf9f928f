// Issue 19, item 9 through the queue: `index rebuild --full --wait` (the real CLI) makes the real
// worker parse and embed every book again — nothing from the live generation, from staging or
// from the embedding cache — and the report says so. Embeddings come from the OpenAI-protocol
// stand-in, which records every text it is sent, through the worker's real cache.
import { type OpenAiStandin, startOpenAiStandin } from "@ai-library/standins/openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTextBooks } from "./helpers/books.js";
import { runCli, startReadyWorker, stopWorker, type WorkerProcess } from "./helpers/processes.js";
import { createTestEnv, type TestEnv } from "./helpers/test-env.js";

let standin: OpenAiStandin;
let world: TestEnv;
let worker: WorkerProcess;

/** How many texts were sent to /v1/embeddings since request number `since`. */
const textsSentSince = (since: number) =>
  standin.requests
    .slice(since)
    .filter((request) => request.path.endsWith("/embeddings"))
    .reduce((sum, request) => {
      const input = (request.body as { input?: unknown }).input;
      return sum + (Array.isArray(input) ? input.length : 1);
    }, 0);

beforeAll(async () => {
  standin = await startOpenAiStandin();
  world = await createTestEnv({
    EMBEDDINGS_PROVIDER: "openai",
    OPENAI_BASE_URL: standin.baseUrl,
    OPENAI_EMBEDDING_DIMS: "32",
  });
  writeTextBooks(world.books, 2);
  worker = await startReadyWorker(world.env);
});

afterAll(async () => {
  if (worker) await stopWorker(worker);
  await world?.cleanup();
  await standin?.close();
});

describe("index rebuild --full through the worker", () => {
  it("re-embeds every chunk although the live generation and the cache hold them all", async () => {
    const first = await runCli(["ingest", "--wait", "--json"], world.env);
    expect(first.code, first.stderr).toBe(0);
    const firstRun = JSON.parse(first.stdout) as { record: { chunkCount: number } };
    const chunks = firstRun.record.chunkCount;
    expect(chunks).toBeGreaterThan(0);

    // An ordinary forced rebuild reuses everything.
    const plain = await runCli(["index", "rebuild", "--wait", "--json"], world.env);
    expect(plain.code, plain.stderr).toBe(0);
    expect(JSON.parse(plain.stdout)).toMatchObject({ record: { counts: { indexed: 0, unchanged: 2 } } });

    const since = standin.requests.length;
    const full = await runCli(["index", "rebuild", "--full", "--wait"], world.env);
    expect(full.code, full.stderr).toBe(0);
    expect(full.stdout).toContain("проиндексировано 2, без изменений 0");
    expect(full.stdout).toContain(
      `Полная пересборка: разобрано заново книг 2, векторизовано заново ${chunks} из ${chunks} фрагментов`,
    );
    // Every chunk went to the embeddings API again: neither reuse nor the cache answered.
    expect(textsSentSince(since)).toBe(chunks);

    const runId = /Запуск (\S+)/.exec(full.stdout)?.[1] ?? "";
    const status = await runCli(["ingest", "status", runId, "--json"], world.env);
    expect(JSON.parse(status.stdout)).toMatchObject({
      record: { full: true, embeddedChunks: chunks, chunkCount: chunks, counts: { indexed: 2, unchanged: 0 } },
    });
  });
});
