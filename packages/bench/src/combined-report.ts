// After `pnpm bench` (all), one table of every bench's figures from this run, read back from
// the bench-results/<name>.json files each bench wrote, and saved as bench-results/all.json.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Figure, machineHeader } from "./report.js";

interface BenchResult {
  bench: string;
  at: string;
  figures: Figure[];
  notes: string[];
}

/** Reads the results written since `since` (ms epoch); older files are from another run and are skipped. */
export function readRunResults(dir: string, names: readonly string[], since: number): BenchResult[] {
  const results: BenchResult[] = [];
  for (const name of names) {
    const file = join(dir, `${name}.json`);
    if (!existsSync(file)) continue;
    const result = JSON.parse(readFileSync(file, "utf8")) as BenchResult;
    if (Date.parse(result.at) >= since) results.push(result);
  }
  return results;
}

export function printCombinedReport(dir: string, results: readonly BenchResult[], missing: readonly string[]): void {
  const rows = results.flatMap((result) => result.figures.map((figure) => ({ bench: result.bench, figure })));
  const width = Math.max(0, ...rows.map((row) => row.bench.length + row.figure.name.length + 2));
  console.log(`\n## all benches — ${machineHeader()} — ${new Date().toISOString()}`);
  for (const { bench, figure } of rows) {
    const value = Number.isInteger(figure.value) ? String(figure.value) : figure.value.toFixed(2);
    const target = figure.target ? `   target ${figure.target}: ${figure.ok ? "met" : "NOT met"}` : "";
    console.log(`  ${`${bench}: ${figure.name}`.padEnd(width)}  ${value.padStart(10)} ${figure.unit}${target}`);
  }
  if (missing.length > 0) console.log(`  missing (failed or not run): ${missing.join(", ")}`);
  const all = { machine: machineHeader(), at: new Date().toISOString(), benches: results, missing };
  writeFileSync(join(dir, "all.json"), `${JSON.stringify(all, null, 2)}\n`);
}
