// The paired phase of `pnpm bench peer` (`--ours DIR --langchain DIR`): both systems' saved
// indexes opened in one process, loads and searches alternated (ours then LangChain, then the
// other way round), so whatever else the machine is doing falls on both alike. Separate
// processes gave search ratios from 0.5× to 1.3× for the same FAISS scan on a busy machine.
// Prints one `PAIRED_RESULT {json}` line for peer.bench.ts.
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { openIndexStore } from "@ai-library/shared/index";
import { argument } from "../cli-args.js";
import { FaissStore, PrecomputedEmbeddings, useOurFaissForLangChain } from "./langchain-faiss.js";
import { percentile } from "./measure.js";
import { benchQueries, DIMS, K } from "./peer-common.js";

export interface PairedResult {
  loadOursSeconds: number;
  loadLangChainSeconds: number;
  searchOursMs: number;
  searchLangChainMs: number;
  searchOursP99Ms: number;
  searchLangChainP99Ms: number;
}

const LOAD_ROUNDS = 5;
const WARM_UP = 5;

async function millis(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const median = (samples: number[]) => percentile(samples, 0.5);
const mean = (samples: number[]) => samples.reduce((sum, value) => sum + value, 0) / samples.length;

async function main(): Promise<void> {
  useOurFaissForLangChain();
  const store = openIndexStore(argument("ours"));
  const theirsDir = argument("langchain");
  const identity = createLocalHashedEmbedder({ dims: DIMS }).identity;
  // Searches go by vector; FaissStore only wants an Embeddings object to hold.
  const embeddings = new PrecomputedEmbeddings([], []);

  const loads = { ours: [] as number[], theirs: [] as number[] };
  for (let round = 0; round < LOAD_ROUNDS; round++) {
    const loadOurs = async () => loads.ours.push(await millis(async () => (await store.openLive(identity)).close()));
    const loadTheirs = async () => loads.theirs.push(await millis(() => FaissStore.load(theirsDir, embeddings)));
    // Alternate who goes first, so neither always finds the warmer cache or the fresher heap.
    for (const load of round % 2 === 0 ? [loadOurs, loadTheirs] : [loadTheirs, loadOurs]) {
      await load();
      globalThis.gc?.();
    }
  }

  const ours = await store.openLive(identity);
  const theirs = await FaissStore.load(theirsDir, embeddings);
  const queries = await benchQueries();
  const searchOurs = (query: Float32Array) => ours.search(query, K);
  const searchTheirs = (query: Float32Array) => theirs.similaritySearchVectorWithScore(Array.from(query), K);
  for (const query of queries.slice(0, WARM_UP)) {
    searchOurs(query);
    await searchTheirs(query);
  }
  const times = { ours: [] as number[], theirs: [] as number[] };
  for (const [at, query] of queries.entries()) {
    const one = async () => times.ours.push(await millis(() => searchOurs(query)));
    const other = async () => times.theirs.push(await millis(() => searchTheirs(query)));
    for (const search of at % 2 === 0 ? [one, other] : [other, one]) await search();
  }
  ours.close();

  const result: PairedResult = {
    loadOursSeconds: median(loads.ours) / 1000,
    loadLangChainSeconds: median(loads.theirs) / 1000,
    searchOursMs: mean(times.ours),
    searchLangChainMs: mean(times.theirs),
    searchOursP99Ms: percentile(times.ours, 0.99),
    searchLangChainP99Ms: percentile(times.theirs, 0.99),
  };
  console.log(`PAIRED_RESULT ${JSON.stringify(result)}`);
}

await main();
