// The retrieval methods compared in one run. All but the MiniSearch baseline go through the
// bot's own retriever (createLiveLibrary → search), differing only in their settings.
import type { Embedder } from "@ai-library/shared/embeddings";
import type { IndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { createLiveLibrary, type LiveLibrary, type RetrievalSettings } from "@ai-library/shared/retrieval";
import { createMiniSearchBaseline } from "./measure/minisearch-baseline.js";
import type { Searcher } from "./measure/score-method.js";

export const SEARCH_K = 5;

export interface MethodSpec {
  name: string;
  description: string;
  /** Settings for the bot's retriever; undefined = the MiniSearch baseline. */
  settings?: RetrievalSettings;
}

export function methodSpecs(configured: RetrievalSettings, withBaseline: boolean): MethodSpec[] {
  const raw = { passageChunks: 1, expandChars: 0 };
  const baseline: MethodSpec = {
    name: "MiniSearch BM25 (baseline)",
    description: "plain BM25 over raw chunks, MiniSearch fuzzy 0.2 + prefix, no stemming",
  };
  return [
    ...(withBaseline ? [baseline] : []),
    {
      name: "dense only",
      description: "local embedder + FAISS, neighbours merged and cut sentences completed",
      settings: { ...configured, mode: "vector" },
    },
    {
      name: "keyword only",
      description: "FTS5 BM25 over Snowball stems, neighbours merged and cut sentences completed",
      settings: { ...configured, mode: "keyword" },
    },
    {
      name: "hybrid, raw chunks",
      description: "hybrid fusion alone: no neighbour merging, no sentence completion",
      settings: { ...configured, mode: "hybrid", ...raw },
    },
    { name: "hybrid (default)", description: "the configured retriever, as the bot runs it", settings: configured },
  ];
}

export interface OpenMethod {
  spec: MethodSpec;
  search: Searcher;
  close(): void;
}

export async function openMethod(
  spec: MethodSpec,
  deps: { store: IndexStore; embedder: Embedder; logger: Logger },
): Promise<OpenMethod> {
  const library: LiveLibrary = createLiveLibrary({ ...deps, ...(spec.settings ? { retrieval: spec.settings } : {}) });
  const outcome = await library.reloadIfChanged();
  if (outcome.status !== "loaded") throw new Error(`The evaluation library did not load: ${JSON.stringify(outcome)}`);
  if (spec.settings) {
    return {
      spec,
      search: async (question) => (await library.search(question, SEARCH_K)).passages,
      close: () => library.close(),
    };
  }
  const generation = library.current();
  if (!generation) throw new Error("The evaluation library has no generation");
  return { spec, search: createMiniSearchBaseline(generation, SEARCH_K), close: () => library.close() };
}
