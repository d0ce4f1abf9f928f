// Runs the real `ai-library ingest --inline --json` (the CLI under tsx, as `pnpm ai-library`
// does) as a child process, samples its process tree while it runs, and returns the per-book
// report with a time and peak-memory figure for each parse child.
import { join } from "node:path";
import type { IngestReport } from "@ai-library/shared/pipeline";
import { type CliResult, runCli } from "../../../../apps/cli/test/cli-helpers.js";
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

export async function runInlineIngest(
  env: Record<string, string>,
  options: { logName: string; timeoutMs: number; sampleEveryMs?: number },
): Promise<InlineIngestRun> {
  const started = Date.now();
  let sampler: ReturnType<typeof sampleProcessTree> | undefined;
  let cliPid: number | undefined;
  let result: CliResult;
  let tree: TreeSample | undefined;
  try {
    result = await runCli(["ingest", "--inline", "--json"], env, {
      timeoutMs: options.timeoutMs,
      onSpawn: (child) => {
        cliPid = child.pid;
        teeToSuiteLog(child, options.logName);
        sampler = sampleProcessTree(child.pid ?? -1, options.sampleEveryMs);
      },
    });
  } finally {
    tree = sampler?.stop();
  }
  let report: IngestReport;
  try {
    report = JSON.parse(result.stdout) as IngestReport;
  } catch {
    throw new Error(`ingest printed no JSON report (exit ${result.code}); stderr tail:\n${result.stderr.slice(-3000)}`);
  }
  const cli = tree?.processes.find((sampled) => sampled.pid === cliPid);
  return {
    code: result.code,
    report,
    stderr: result.stderr,
    wallMs: Date.now() - started,
    cliPeakRssMb: Math.round(cli?.peakRssMb ?? 0),
    treePeakRssMb: Math.round(tree?.peakTreeRssMb ?? 0),
    books: tree ? bookFigures(tree) : [],
  };
}
