// Runs the real `ai-library ingest --inline --json` (the CLI under tsx, as `pnpm ai-library`
// does) as a child process, samples its process tree while it runs, and returns the per-book
// report with a time and peak-memory figure for each parse child.
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { IngestReport } from "@ai-library/shared/pipeline";
import { sampleProcessTree, type TreeSample } from "../support/process-tree-sampler.js";
import { teeToSuiteLog } from "../support/suite-logs.js";

export const repoRoot = join(import.meta.dirname, "..", "..", "..", "..");

export interface BookFigures {
  /** Absolute path the parse child was given. */
  path: string;
  /** How long the parse child lived (start-up of about a second included), ms. */
  parseMs: number;
  peakRssMb: number;
}

export interface InlineIngestRun {
  code: number | null;
  report: IngestReport;
  stderr: string;
  wallMs: number;
  /** Peak RSS of the CLI process itself, MiB. */
  cliPeakRssMb: number;
  /** Peak of the summed RSS of the CLI and all its children at one moment, MiB. */
  treePeakRssMb: number;
  books: BookFigures[];
}

function bookFigures(tree: TreeSample): BookFigures[] {
  const figures: BookFigures[] = [];
  for (const sampled of tree.processes) {
    if (!sampled.argv.some((arg) => arg.endsWith("parse-child.ts"))) continue;
    try {
      const request = JSON.parse(sampled.argv.at(-1) ?? "") as { path?: string };
      if (request.path) {
        const parseMs = sampled.lastSeenMs - sampled.firstSeenMs;
        figures.push({ path: request.path, parseMs, peakRssMb: Math.round(sampled.peakRssMb) });
      }
    } catch {
      // not a parse request argument
    }
  }
  return figures;
}

export function runInlineIngest(
  env: Record<string, string>,
  options: { logName: string; timeoutMs: number; sampleEveryMs?: number },
): Promise<InlineIngestRun> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "apps/cli/src/main.ts"), "ingest", "--inline", "--json"],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  teeToSuiteLog(child, options.logName);
  const sampler = sampleProcessTree(child.pid ?? -1, options.sampleEveryMs);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (data: Buffer) => {
    stdout += data.toString();
  });
  child.stderr.on("data", (data: Buffer) => {
    stderr += data.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      sampler.stop();
      reject(new Error(`ingest did not finish within ${options.timeoutMs} ms; stderr tail:\n${stderr.slice(-3000)}`));
    }, options.timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      const tree = sampler.stop();
      let report: IngestReport;
      try {
        report = JSON.parse(stdout) as IngestReport;
      } catch {
        reject(new Error(`ingest printed no JSON report (exit ${code}); stderr tail:\n${stderr.slice(-3000)}`));
        return;
      }
      const cli = tree.processes.find((sampled) => sampled.pid === child.pid);
      resolve({
        code,
        report,
        stderr,
        wallMs: Date.now() - started,
        cliPeakRssMb: Math.round(cli?.peakRssMb ?? 0),
        treePeakRssMb: Math.round(tree.peakTreeRssMb),
        books: bookFigures(tree),
      });
    });
  });
}
