// Runs once in vitest's main process before any file: picks the run id that names
// .logs/<run>/ (handed to every test file through provide/inject, and to the console
// reporter through the environment) and keeps the last few runs' logs on disk (older ones go once no run can still be writing them).
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { SUITE_LOGS_ROOT } from "./suite-logs.js";

const KEEP_RUNS = 5;
// Several runs may share a checkout at once: never delete a folder a run may still be writing.
const PRUNE_AFTER_MS = 3 * 60 * 60 * 1000;

function pruneOldRuns(): void {
  let runs: string[];
  try {
    runs = readdirSync(SUITE_LOGS_ROOT).sort();
  } catch {
    return;
  }
  for (const run of runs.slice(0, Math.max(0, runs.length - KEEP_RUNS))) {
    const path = join(SUITE_LOGS_ROOT, run);
    if (Date.now() - statSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { recursive: true, force: true });
  }
}

export default function setup(project: TestProject): void {
  pruneOldRuns();
  // Sortable, so pruning keeps the newest.
  const runId = `${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}`;
  process.env.RELIABILITY_RUN_ID = runId;
  project.provide("reliabilityRunId", runId);
}
