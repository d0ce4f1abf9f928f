// Prints the benchmark's figures as a table and writes bench-results/<name>.json, in the same
// shape as the other benchmarks of `pnpm bench`.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ok?: boolean;
}

export function printFigures(bench: string, figures: Figure[], notes: string[]): void {
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
  const width = Math.max(...figures.map((figure) => figure.name.length));
  console.log(`\n## bench ${bench} — ${machine} — ${new Date().toISOString()}`);
  for (const figure of figures) {
    const target = figure.target ? `   target ${figure.target}: ${figure.ok ? "met" : "NOT met"}` : "";
    console.log(`  ${figure.name.padEnd(width)}  ${figure.value.toFixed(2).padStart(10)} ${figure.unit}${target}`);
  }
  for (const note of notes) console.log(`  note: ${note}`);
  const dir = join(process.cwd(), "bench-results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${bench}.json`),
    `${JSON.stringify({ bench, machine, at: new Date().toISOString(), figures, notes }, null, 2)}\n`,
  );
}
