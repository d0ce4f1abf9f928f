// `pnpm bench [name…]`: runs the named benchmarks (all when none is named), one after another.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { splitBenchArgs } from "./cli-args.js";
import { printCombinedReport, readRunResults } from "./combined-report.js";
import { SERVICE_ENVIRONMENT } from "./service-environment.js";

const BENCHES: Record<string, string> = {
  ingest: "packages/bench/src/ingest.bench.ts",
  peer: "packages/bench/src/peer.bench.ts",
  grow: "packages/bench/src/grow.bench.ts",
  scale: "packages/bench/src/scale.bench.ts",
  worker: "apps/worker/bench/worker.bench.ts",
  ocr: "apps/worker/bench/ocr.bench.ts",
  bot: "apps/bot/bench/bot.bench.ts",
  swaps: "apps/bot/bench/swaps.bench.ts",
  retrieval: "packages/eval/bench/retrieval.bench.ts",
  cluster: "packages/bench/src/cluster.bench.ts",
};

const { names: requested, options: flags } = splitBenchArgs(process.argv.slice(2));
const unknown = requested.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Available: ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
let failed = false;
const startedAt = Date.now();
const names = requested.length > 0 ? requested : Object.keys(BENCHES);
for (const name of names) {
  const file = BENCHES[name] ?? "";
  if (!existsSync(file)) {
    console.error(`bench ${name}: ${file} is missing`);
    failed = true;
    continue;
  }
  // Each benchmark in its own process, so peak RSS and warm caches do not leak between them.
  const result = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", file, ...flags], {
    stdio: "inherit",
    // The services' environment unless set here: `GLIBC_TUNABLES= pnpm bench peer` measures without huge pages.
    env: { ...SERVICE_ENVIRONMENT, ...process.env },
  });
  if (result.status !== 0) failed = true;
}
if (requested.length === 0) {
  // `pnpm bench` (all): one combined table from this run's figures, and bench-results/all.json.
  const dir = join(process.cwd(), "bench-results");
  const results = readRunResults(dir, names, startedAt);
  printCombinedReport(
    dir,
    results,
    names.filter((name) => !results.some((result) => result.bench === name)),
  );
}
process.exit(failed ? 1 : 0);
