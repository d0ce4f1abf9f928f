// The nprobe sweep of `pnpm bench scale` in its own process (`--index FILE --queries FILE
// --exact FILE --nprobe 1,4,16,64`): one IVF index file re-read with each nprobe written into a
// copy of it (the same patch a publish applies for INDEX_NPROBE), single-query search p50/p99
// and recall@10 against the flat top 10. Prints `NPROBE_SWEEP {json}`.
import { copyFileSync, readFileSync } from "node:fs";
import { type FaissIndex, loadFaiss } from "@ai-library/faiss-native";
import { setIvfNprobe } from "@ai-library/shared/index";
import { argument } from "../cli-args.js";
import { percentile } from "../peer/measure.js";
import { recallAtK } from "./recall.js";

export interface NprobeSweepRow {
  nprobe: number;
  searchP50Ms: number;
  searchP99Ms: number;
  recallAt10: number;
}

const raw = readFileSync(argument("queries"));
const block = new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
const exactTop10 = JSON.parse(readFileSync(argument("exact"), "utf8")) as number[][];
const dims = block.length / exactTop10.length;
const queries = exactTop10.map((_, row) => Array.from(block.subarray(row * dims, (row + 1) * dims)));
const copy = `${argument("index")}.sweep`;
copyFileSync(argument("index"), copy);
const rows: NprobeSweepRow[] = [];
for (const nprobe of argument("nprobe").split(",").map(Number)) {
  const applied = setIvfNprobe(copy, nprobe);
  if (applied === undefined) throw new Error("nprobe-sweep: not an IVF index file");
  let index: FaissIndex | undefined = loadFaiss().Index.read(copy);
  index.search(queries[0] ?? [], 10);
  const times: number[] = [];
  const top10: number[][] = [];
  for (const query of queries) {
    const started = performance.now();
    const { labels } = index.search(query, 10);
    times.push(performance.now() - started);
    top10.push(labels);
  }
  rows.push({
    nprobe: applied,
    searchP50Ms: percentile(times, 0.5),
    searchP99Ms: percentile(times, 0.99),
    recallAt10: recallAtK(exactTop10, top10, 10),
  });
  // The next index is as big as this one: let this one go before reading it.
  index = undefined;
  globalThis.gc?.();
}
console.log(`NPROBE_SWEEP ${JSON.stringify(rows)}`);
