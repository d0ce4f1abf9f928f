// One logs root for the whole reliability run: packages/reliability/.logs/<run>/<name>/. Every
// process a test starts gets its LOG_DIR from suiteLogDir(), and whatever a test captures from a
// child's stdout/stderr goes to suiteOutputFile() (teeToSuiteLog does both streams), so the
// secrets check that runs after every file (globalSetup teardown) can read every line the suite
// produced. The run id comes from globalSetup, so all files of one run share one folder.
import type { ChildProcess } from "node:child_process";
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    reliabilityRunId: string;
  }
}

export const SUITE_LOGS_ROOT = join(import.meta.dirname, "..", "..", ".logs");

/** Folder of the current run (created on first use). */
export function suiteRunDir(): string {
  const runId = inject("reliabilityRunId") ?? process.env.RELIABILITY_RUN_ID ?? "adhoc";
  const dir = join(SUITE_LOGS_ROOT, runId);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 120) || "unnamed";

/** A LOG_DIR for one process (or one test's processes) under this run's folder. */
export function suiteLogDir(name: string): string {
  const dir = join(suiteRunDir(), safeName(name));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** File for output a test captured itself (child stdout/stderr, HTTP replies worth scanning). */
export function suiteOutputFile(name: string): string {
  const dir = join(suiteRunDir(), "captured");
  mkdirSync(dir, { recursive: true });
  return join(dir, `${safeName(name)}.out`);
}

/** Appends to a captured-output file; recreates its folder if it went away. Never throws: */
// keeping a copy of the output must not break the test (or the other listeners of the stream).
function appendQuietly(file: string, data: string | Buffer): void {
  try {
    appendFileSync(file, data);
  } catch {
    try {
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, data);
    } catch {
      // the logs root is gone or read-only: the secrets scan will report too few files, not this
    }
  }
}

/** Appends text to suiteOutputFile(name). */
export function recordSuiteOutput(name: string, text: string): void {
  appendQuietly(suiteOutputFile(name), text);
}

/** Copies everything a child writes to stdout and stderr into suiteOutputFile(name). */
export function teeToSuiteLog(child: ChildProcess, name: string): void {
  const file = suiteOutputFile(name);
  const write = (data: Buffer) => appendQuietly(file, data);
  child.stdout?.on("data", write);
  child.stderr?.on("data", write);
}
