// Prints a benchmark's figures as a table with the machine in the header, and writes JSON
// to bench-results/<name>.json so the README can quote the latest run.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { mallocHugePagesOn } from "./service-environment.js";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** e.g. "≥ 0.7× raw extraction" — printed next to the figure. */
  target?: string;
  ok?: boolean;
}

export function machineHeader(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  // The load average says how shared the machine was: compare ratios from one run, not absolute times.
  const load = loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
  const hugePages = mallocHugePagesOn(process.env) ? "on" : "off";
  return `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, load ${load}, malloc huge pages ${hugePages}`;
}

export function report(bench: string, figures: Figure[], notes: string[] = []): void {
  const width = Math.max(...figures.map((figure) => figure.name.length));
  console.log(`\n## bench ${bench} — ${machineHeader()} — ${new Date().toISOString()}`);
  for (const figure of figures) {
    const value = Number.isInteger(figure.value) ? String(figure.value) : figure.value.toFixed(2);
    const target = figure.target ? `   target ${figure.target}: ${figure.ok ? "met" : "NOT met"}` : "";
    console.log(`  ${figure.name.padEnd(width)}  ${value.padStart(10)} ${figure.unit}${target}`);
  }
  for (const note of notes) console.log(`  note: ${note}`);
  const dir = join(process.cwd(), "bench-results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${bench}.json`),
    `${JSON.stringify({ bench, machine: machineHeader(), at: new Date().toISOString(), figures, notes }, null, 2)}\n`,
  );
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
