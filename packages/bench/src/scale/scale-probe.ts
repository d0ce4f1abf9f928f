// Loads one generation in a fresh process (`--dir INDEX_DIR --id GENERATION --queries FILE`),
// so load time and RSS belong to that index alone, then times single-query searches and prints
// `SCALE_PROBE {json}` with the labels found, for recall against flat.
import { readFileSync } from "node:fs";
import { openIndexStore } from "@ai-library/shared/index";
import { argument } from "../cli-args.js";
import { percentile, settledRssMb, timed } from "../peer/measure.js";

export interface ScaleProbeResult {
  loadSeconds: number;
  loadRssMb: number;
  searchP50Ms: number;
  searchP99Ms: number;
  /** Top-10 labels per query when asking for 10, and when asking for 50 as hybrid retrieval does. */
  top10: number[][];
  top10Of50: number[][];
}

const raw = readFileSync(argument("queries"));
const block = new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4);
const store = openIndexStore(argument("dir"));
const before = settledRssMb();
const load = await timed(() => store.open(argument("id")));
const generation = load.value;
const dims = generation.manifest.embedder.dims;
const queries = Array.from({ length: block.length / dims }, (_, row) => block.slice(row * dims, (row + 1) * dims));
generation.vectorCandidates(queries[0] ?? new Float32Array(dims), 10);
const loadRssMb = settledRssMb() - before;
const times: number[] = [];
const top10: number[][] = [];
const top10Of50: number[][] = [];
for (const query of queries) {
  const started = performance.now();
  const hits = generation.vectorCandidates(query, 10);
  times.push(performance.now() - started);
  top10.push(hits.map((hit) => hit.label));
  // An exact (flat) index returns the same top 10 for k=50: no need to pay for a second scan.
  if (process.argv.includes("--exact")) top10Of50.push(hits.map((hit) => hit.label));
  else
    top10Of50.push(
      generation
        .vectorCandidates(query, 50)
        .slice(0, 10)
        .map((hit) => hit.label),
    );
}
generation.close();
const result: ScaleProbeResult = {
  loadSeconds: load.seconds,
  loadRssMb,
  searchP50Ms: percentile(times, 0.5),
  searchP99Ms: percentile(times, 0.99),
  top10,
  top10Of50,
};
console.log(`SCALE_PROBE ${JSON.stringify(result)}`);
