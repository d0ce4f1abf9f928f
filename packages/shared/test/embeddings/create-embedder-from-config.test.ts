// Which embedder and answerer a process gets from its configuration.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type OpenAiStandin, startOpenAiStandin } from "@ai-library/standins/openai";
import { afterEach, describe, expect, it } from "vitest";
import { chooseAnswererKind, createAnswererFromConfig } from "../../src/answer/create-answerer-from-config.js";
import { ConfigError, parseConfig } from "../../src/config/index.js";
import { createEmbedderFromConfig, EMBEDDING_CACHE_FILE } from "../../src/embeddings/create-embedder-from-config.js";
import { quietLogger } from "./quiet-logger.js";

let standin: OpenAiStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

describe("createEmbedderFromConfig", () => {
  it("uses the offline local embedder by default, with LOCAL_EMBEDDING_DIMS", async () => {
    const embedder = createEmbedderFromConfig(parseConfig({ LOCAL_EMBEDDING_DIMS: "128" }), { logger: quietLogger() });
    expect(embedder.identity).toEqual({ provider: "local", model: "hashed-ngrams-v1", dims: 128 });
    expect(await embedder.embedQuery("книга")).toHaveLength(128);
    expect(embedder.cacheCounters).toBeUndefined();
  });

  it("uses the OpenAI-compatible server with a cache when EMBEDDINGS_PROVIDER=openai", async () => {
    standin = await startOpenAiStandin();
    const cacheDir = mkdtempSync(join(tmpdir(), "embedder-config-"));
    const config = parseConfig({
      EMBEDDINGS_PROVIDER: "openai",
      OPENAI_BASE_URL: standin.baseUrl,
      OPENAI_EMBEDDING_MODEL: "text-embedding-3-small",
      OPENAI_EMBEDDING_DIMS: "96",
    });
    const embedder = createEmbedderFromConfig(config, { logger: quietLogger(), cacheDir });
    try {
      await embedder.embedDocuments(["one", "two"]);
      await embedder.embedDocuments(["one", "two"]);
      expect(embedder.identity).toEqual({ provider: "openai", model: "text-embedding-3-small", dims: 96 });
      expect(embedder.cacheCounters).toEqual({ hits: 2, misses: 2 });
      expect(existsSync(join(cacheDir, EMBEDDING_CACHE_FILE))).toBe(true);
      expect(standin.requests).toHaveLength(1);
    } finally {
      embedder.close();
    }
  });
});

describe("createAnswererFromConfig", () => {
  it("answers offline unless a key or a server is configured (ANSWERER=auto)", () => {
    expect(chooseAnswererKind(parseConfig({}))).toBe("extractive");
    expect(chooseAnswererKind(parseConfig({ OPENAI_BASE_URL: "http://127.0.0.1:9/v1" }))).toBe("openai");
    expect(chooseAnswererKind(parseConfig({ OPENAI_API_KEY: "sk-abcdefabcdef" }))).toBe("openai");
  });

  it("lets ANSWERER force a kind, and refuses openai without a key or server", () => {
    expect(chooseAnswererKind(parseConfig({ ANSWERER: "extractive", OPENAI_API_KEY: "sk-abcdefabcdef" }))).toBe(
      "extractive",
    );
    expect(() => parseConfig({ ANSWERER: "openai" })).toThrow(ConfigError);
    expect(() => parseConfig({ ANSWERER: "openai" })).toThrow(/ANSWERER=openai требует OPENAI_API_KEY/);
  });

  it("builds the chosen answerer", () => {
    const logger = quietLogger();
    expect(createAnswererFromConfig(parseConfig({}), { logger }).kind).toBe("extractive");
    const config = parseConfig({ OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
    expect(createAnswererFromConfig(config, { logger }).kind).toBe("openai");
  });
});
