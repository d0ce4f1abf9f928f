// `pnpm bench peer [--size N]`: our index vs LangChain JS's FaissStore (@langchain/community)
// on the same chunks, the same vectors (our local hashed embedder, 384 dims) and the same
// FAISS build. Build = our `store.publish` vs `FaissStore.fromDocuments` + `save`; load = our
// `store.open` (with checksum verification) vs `FaissStore.load`; search = our
// `generation.search` vs `similaritySearchVectorWithScore`, k=10. Builds and RSS: each side in
// its own process. Load and search: both in one process, alternated (peer/peer-paired.ts), so
// machine noise falls on both alike. Only ratios from this one run are compared.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { option, wholeNumberOption } from "./cli-args.js";
import type { DurableFloor } from "./peer/durable-floor.js";
import { percentile } from "./peer/measure.js";
import type { PairedResult } from "./peer/peer-paired.js";
import type { PeerRunResult } from "./peer/peer-results.js";
import { runBuildChild, runPairedChild, runPeerChild } from "./peer/run-peer-child.js";
import { type Figure, report } from "./report.js";

function sizes(): number[] {
  return option("size") === undefined ? [10_000, 100_000] : [wholeNumberOption("size", 10_000)];
}

function label(size: number): string {
  return size >= 1000 ? `${size / 1000}k` : String(size);
}

/**
 * Build rounds per system. At 10k a build takes 0.15–0.3 s against LangChain's ~1.2 s, and a
 * fresh process's first writes vary up to twofold on a VM: one round decided the ratio by
 * luck, so small sizes take five paired rounds (LangChain, then ours, each in a fresh
 * process) and report the median. At 100k LangChain alone builds for minutes: one round.
 */
function buildRounds(size: number): number {
  return size <= 10_000 ? 5 : 1;
}

interface BuildRound {
  langchainSeconds: number;
  /** Ours like-for-like: vectors and docstore, no keyword index. */
  oursSeconds: number;
  /** Ours as published by default, with the keyword index. */
  keywordSeconds: number;
}

const median = (samples: readonly number[]) => percentile(samples, 0.5);

function buildFigures(n: string, rounds: BuildRound[], floor: DurableFloor | undefined): Figure[] {
  const langchain = median(rounds.map((round) => round.langchainSeconds));
  const ratios = rounds.map((round) => round.langchainSeconds / round.oursSeconds);
  const build = median(ratios);
  const keywordRatios = rounds.map((round) => round.langchainSeconds / round.keywordSeconds);
  const withKeywords = median(keywordRatios);
  const paired = rounds.length > 1;
  const of = paired ? `, median of ${rounds.length} fresh processes` : "";
  const freshFloor = floor?.freshSeconds ?? Number.NaN;
  return [
    { name: `${n} build: LangChain fromDocuments+save${of}`, value: langchain, unit: "s" },
    {
      name: `${n} build: ours, vectors+docstore${of}`,
      value: median(rounds.map((round) => round.oursSeconds)),
      unit: "s",
    },
    {
      name: `${n} build: ours, + keyword index (default)${of}`,
      value: median(rounds.map((round) => round.keywordSeconds)),
      unit: "s",
    },
    {
      name: `${n} build speed-up (vectors+docstore)${paired ? ", median of paired rounds" : ""}`,
      value: build,
      unit: "×",
      target: "≥ 10×",
      ok: build >= 10,
    },
    ...(paired
      ? [
          { name: `${n} build speed-up, lowest round`, value: Math.min(...ratios), unit: "×" },
          { name: `${n} build speed-up, highest round`, value: Math.max(...ratios), unit: "×" },
        ]
      : []),
    {
      name: `${n} build speed-up (with keyword index, default)${paired ? ", median of paired rounds" : ""}`,
      value: withKeywords,
      unit: "×",
      target: "≥ 5×",
      ok: withKeywords >= 5,
    },
    ...(paired
      ? [
          {
            name: `${n} build speed-up with keyword index, lowest round`,
            value: Math.min(...keywordRatios),
            unit: "×",
          },
          {
            name: `${n} build speed-up with keyword index, highest round`,
            value: Math.max(...keywordRatios),
            unit: "×",
          },
        ]
      : []),
    { name: `${n} build floor: write + sha256 + fsync of our files only, fresh process`, value: freshFloor, unit: "s" },
    { name: `${n} build floor: same, best of 3 later rounds`, value: floor?.warmSeconds ?? Number.NaN, unit: "s" },
    { name: `${n} build speed-up a crash-safe store could reach at most`, value: langchain / freshFloor, unit: "×" },
  ];
}

interface SizeRuns {
  /** Ours with the keyword index (the default), its own process. */
  ours: PeerRunResult;
  /** Ours like-for-like (no keyword index) and LangChain: first build round, RSS, disk. */
  lean: PeerRunResult;
  peer: PeerRunResult;
  rounds: BuildRound[];
  paired: PairedResult;
}

function compare(size: number, { ours, lean, peer, rounds, paired }: SizeRuns) {
  const n = label(size);
  const load = paired.loadLangChainSeconds / paired.loadOursSeconds;
  const search = paired.searchLangChainMs / paired.searchOursMs;
  const memory = Math.max(lean.buildRssMb, lean.loadRssMb) / Math.max(1, peer.buildRssMb, peer.loadRssMb);
  const figures: Figure[] = [
    ...buildFigures(n, rounds, lean.durableFloor),
    { name: `${n} load, paired median: LangChain FaissStore.load`, value: paired.loadLangChainSeconds, unit: "s" },
    { name: `${n} load, paired median: ours, verified`, value: paired.loadOursSeconds, unit: "s" },
    { name: `${n} load: ours with keyword index, own process`, value: ours.loadSeconds, unit: "s" },
    { name: `${n} load speed-up`, value: load, unit: "×", target: "≥ 2×", ok: load >= 2 },
    { name: `${n} search mean, paired: LangChain`, value: paired.searchLangChainMs, unit: "ms" },
    { name: `${n} search mean, paired: ours`, value: paired.searchOursMs, unit: "ms" },
    {
      name: `${n} search p99: LangChain / ours`,
      value: paired.searchLangChainP99Ms / paired.searchOursP99Ms,
      unit: "×",
    },
    { name: `${n} search speed-up (mean)`, value: search, unit: "×", target: "≥ 1× (not slower)", ok: search >= 1 },
    { name: `${n} RSS growth build/load: LangChain`, value: Math.max(peer.buildRssMb, peer.loadRssMb), unit: "MiB" },
    { name: `${n} RSS growth build/load: ours`, value: Math.max(lean.buildRssMb, lean.loadRssMb), unit: "MiB" },
    { name: `${n} RSS ours / LangChain`, value: memory, unit: "×", target: "≤ 1× (not higher)", ok: memory <= 1 },
    { name: `${n} on disk: LangChain / ours`, value: peer.diskMb / lean.diskMb, unit: "×" },
  ];
  return figures;
}

const figures: Figure[] = [];
for (const size of sizes()) {
  const root = mkdtempSync(join(tmpdir(), `bench-peer-${size}-`));
  try {
    const dir = (name: string) => join(root, name);
    const peer = runPeerChild("langchain", size, dir("langchain"));
    const lean = runPeerChild("ours", size, dir("lean"), ["--no-keyword"]);
    const ours = runPeerChild("ours", size, dir("ours"));
    const rounds: BuildRound[] = [
      { langchainSeconds: peer.buildSeconds, oursSeconds: lean.buildSeconds, keywordSeconds: ours.buildSeconds },
    ];
    for (let round = 1; round < buildRounds(size); round++) {
      rounds.push({
        langchainSeconds: runBuildChild("langchain", size, dir(`langchain-${round}`)).buildSeconds,
        oursSeconds: runBuildChild("ours", size, dir(`lean-${round}`), ["--no-keyword"]).buildSeconds,
        keywordSeconds: runBuildChild("ours", size, dir(`ours-${round}`)).buildSeconds,
      });
    }
    figures.push(...compare(size, { ours, lean, peer, rounds, paired: runPairedChild(dir("lean"), dir("langchain")) }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
report("peer", figures, [
  "same chunks (~600 chars), same vectors (local hashed embedder, 384 dims, embedding excluded from both), same FAISS addon (packages/faiss-native, injected via FaissStore.importFaiss)",
  "build rounds: at 10k and below, five pairs of fresh processes (LangChain, then ours) and the median; the first pair's processes also give RSS and disk",
  "'vectors+docstore' is the like-for-like part: FaissStore has no keyword (BM25) index; ours builds one by default for hybrid search",
  "'+ keyword index': each book's keyword postings are computed before the build, as book jobs stage them with the vectors (excluded like the embedding); the build merges them into keywords.bin",
  "build floor: the like-for-like generation's files written again, sha256 of each and fsync of each, nothing else, in a fresh process like each build (peer/durable-floor.ts); FaissStore.save does none of the three",
  "RSS growth = settled RSS after build (or after load + first search) minus before, each system in its own process",
  "load and search: both like-for-like indexes in one process, alternated (5 loads each, median; 200 queries each, mean)",
]);
