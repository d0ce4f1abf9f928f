// `pnpm bench [name…]`: runs the named benchmarks (all when none is named), one after another.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const BENCHES: Record<string, string> = {
  ingest: "packages/bench/src/ingest.bench.ts",
  worker: "apps/worker/bench/worker.bench.ts",
  bot: "apps/bot/bench/bot.bench.ts",
};

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = requested.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Available: ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
let failed = false;
for (const name of requested.length > 0 ? requested : Object.keys(BENCHES)) {
  const file = BENCHES[name] ?? "";
  if (!existsSync(file)) {
    console.error(`bench ${name}: ${file} is missing`);
    failed = true;
    continue;
  }
  // Each benchmark in its own process, so peak RSS and warm caches do not leak between them.
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--expose-gc", file, ...process.argv.slice(2).filter((a) => a.startsWith("-"))],
    {
      stdio: "inherit",
    },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
