// Issue 19, item 9: a rebuild from scratch (`ingest --full`, `index rebuild --full`) parses and
// embeds every book again — nothing copied from the live generation, nothing read from the
// embedding cache — and its report says so. Real books, real FAISS and SQLite, embeddings from
// the OpenAI-protocol stand-in (which records every text it is sent) through the real cache.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type OpenAiStandin, startOpenAiStandin } from "@ai-library/standins/openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { type ConfiguredEmbedder, createEmbedderFromConfig } from "../../src/embeddings/index.js";
import { openIndexStore } from "../../src/index/index.js";
import { type IngestReport, ingestSettingsFromConfig, runIngest } from "../../src/pipeline/index.js";
import { quietLogger } from "../embeddings/quiet-logger.js";

let standin: OpenAiStandin;
let embedder: ConfiguredEmbedder;
const root = mkdtempSync(join(tmpdir(), "full-rebuild-"));
const books = join(root, "books");
const logger = quietLogger();

/** Texts sent to /v1/embeddings since request number `since`. */
function textsSentSince(since: number): string[] {
  return standin.requests
    .slice(since)
    .filter((request) => request.path.endsWith("/embeddings"))
    .flatMap((request) => {
      const input = (request.body as { input?: unknown }).input;
      return Array.isArray(input) ? input.map(String) : [String(input)];
    });
}

async function ingest(indexDir: string, full: boolean): Promise<{ report: IngestReport; sent: string[] }> {
  const config = parseConfig({ CHUNK_SIZE: "200", CHUNK_OVERLAP: "20" });
  const since = standin.requests.length;
  const report = await runIngest(
    { settings: ingestSettingsFromConfig(config), logger, embedder, store: openIndexStore(indexDir) },
    { folder: books, full },
  );
  return { report, sent: textsSentSince(since) };
}

beforeAll(async () => {
  standin = await startOpenAiStandin();
  const config = parseConfig({
    EMBEDDINGS_PROVIDER: "openai",
    OPENAI_BASE_URL: standin.baseUrl,
    OPENAI_EMBEDDING_DIMS: "32",
  });
  embedder = createEmbedderFromConfig(config, { logger, cacheDir: join(root, "cache") });
  mkdirSync(books);
  const paragraph = (topic: string, n: number) =>
    `${topic} paragraph ${n}: the keeper climbed the tower every evening and lit the lamp for the ships at sea.`;
  writeFileSync(
    join(books, "lighthouse.md"),
    `# Lighthouse\n\n${Array.from({ length: 6 }, (_, n) => paragraph("Lighthouse", n)).join("\n\n")}\n`,
  );
  writeFileSync(
    join(books, "bees.txt"),
    `Bees\n\n${Array.from({ length: 4 }, (_, n) => paragraph("Linden honey", n)).join("\n\n")}\n`,
  );
});

afterAll(async () => {
  embedder?.close();
  await standin?.close();
});

describe("a rebuild from scratch", () => {
  it("re-parses and re-embeds every book although the live generation and the cache hold them all", async () => {
    const indexDir = join(root, "index");
    const first = await ingest(indexDir, false);
    expect(first.report.published).toBe(true);
    expect(first.sent.length).toBe(first.report.chunkCount);

    // An ordinary run reuses everything: no book parsed, nothing sent.
    const again = await ingest(indexDir, false);
    expect(again.report.outcomes.map((outcome) => outcome.status)).toEqual(["unchanged", "unchanged"]);
    expect(again.sent).toEqual([]);

    const full = await ingest(indexDir, true);
    expect(full.report).toMatchObject({ published: true, full: true });
    expect(full.report.outcomes.map((outcome) => outcome.status)).toEqual(["indexed", "indexed"]);
    expect(full.report.embeddedChunks).toBe(full.report.chunkCount);
    // Every chunk went to the embeddings API again: the cache, which holds each of them, was not read.
    expect(full.sent.sort()).toEqual([...first.sent].sort());
  });

  it("does not read the cache even where there is nothing to reuse (a new INDEX_DIR)", async () => {
    const indexDir = join(root, "fresh-index");
    const cached = await ingest(indexDir, false);
    // The cache answers an ordinary run into an empty index: nothing is sent.
    expect(cached.report.embeddedChunks).toBe(cached.report.chunkCount);
    expect(cached.sent).toEqual([]);
    const full = await ingest(indexDir, true);
    expect(full.sent).toHaveLength(full.report.chunkCount);
    expect(embedder.cacheCounters?.hits).toBeGreaterThan(0);
  });
});
