// The retrieval methods compared in one run. All but the MiniSearch baseline go through the
// bot's own retriever (createLiveLibrary → search), differing only in their settings. The
// last rows add one lexical remedy for vocabulary mismatch each (RM3, thesaurus): how they
// were measured and why neither is on by default is in docs/retrieval.md.
import type { Embedder } from "@ai-library/shared/embeddings";
import type { IndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import {
  createLiveLibrary,
  type LiveLibrary,
  type RetrievalSettings,
  type Thesaurus,
} from "@ai-library/shared/retrieval";
import { createMiniSearchBaseline } from "./measure/minisearch-baseline.js";
import type { Searcher } from "./measure/score-method.js";

export const SEARCH_K = 5;
/** RM3 as Anserini runs it: 10 feedback documents, 10 terms, original query weight 0.5. */
export const RM3_ANSERINI_WEIGHT = 0.5;
/** A synonym weighs this much against a question term ("at low weight"; `pnpm eval --sweep` tried others). */
export const THESAURUS_LOW_WEIGHT = 0.2;

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
    ...expansionSpecs(configured),
  ];
}

/** The configured retriever with RM3 feedback, and with thesaurus synonyms, each added alone. */
export function expansionSpecs(configured: RetrievalSettings): MethodSpec[] {
  return [
    {
      name: "hybrid + RM3",
      description: `the default plus RM3 pseudo-relevance feedback (${configured.rm3Docs} docs, ${configured.rm3Terms} terms, weight ${RM3_ANSERINI_WEIGHT})`,
      settings: { ...configured, rm3Weight: RM3_ANSERINI_WEIGHT },
    },
    {
      name: "hybrid + thesaurus",
      description: `the default plus WordNet / mythes-ru synonyms at weight ${THESAURUS_LOW_WEIGHT}`,
      settings: { ...configured, thesaurusWeight: THESAURUS_LOW_WEIGHT },
    },
  ];
}

/** Whether any of the methods searches synonyms (then the thesaurus is read once, at start). */
export const needsThesaurus = (specs: readonly MethodSpec[]) =>
  specs.some((spec) => (spec.settings?.thesaurusWeight ?? 0) > 0);

export interface MethodDeps {
  store: IndexStore;
  embedder: Embedder;
  logger: Logger;
  /** Synonyms for methods with a thesaurus weight (loadThesaurus). */
  thesaurus?: Thesaurus;
}

export interface OpenMethod {
  spec: MethodSpec;
  search: Searcher;
  close(): void;
}

export async function openMethod(spec: MethodSpec, deps: MethodDeps): Promise<OpenMethod> {
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
