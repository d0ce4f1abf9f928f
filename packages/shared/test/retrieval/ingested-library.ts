// A live library over real books: the folder ingested by the real inline pipeline (parsing,
// chunking, local embedder, FAISS, SQLite) into `indexDir`, then opened for search.
import { expect } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { openIndexStore } from "../../src/index/index.js";
import { ingestSettingsFromConfig, runIngest } from "../../src/pipeline/index.js";
import type { LiveLibrary } from "../../src/retrieval/index.js";
import { captureLogger } from "./capture-logger.js";
import { localEmbedder, openLiveLibrary } from "./text-library.js";

export async function ingestedLibrary(folder: string, indexDir: string): Promise<LiveLibrary> {
  const store = openIndexStore(indexDir);
  const settings = ingestSettingsFromConfig(parseConfig({}));
  const deps = { settings, logger: captureLogger().logger, embedder: localEmbedder(), store };
  const report = await runIngest(deps, { folder });
  expect(report.published).toBe(true);
  return openLiveLibrary(store);
}
