// Spawns the real worker process (`node --import tsx apps/worker/src/main.ts`) and the real
// CLI, with a test's environment, and lets a test wait for what they log.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

export const repoRoot = join(import.meta.dirname, "..", "..", "..", "..");

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything the worker wrote to stderr so far (its log lines). */
  log(): string;
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const baseEnv = () => ({ PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" });

export function startWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "apps/worker/src/main.ts")], {
    cwd: repoRoot,
    env: { ...baseEnv(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (data: Buffer) => {
    output += data.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    pid: child.pid ?? -1,
    log: () => output,
    exited,
    waitForLog(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return;
          cleanup();
          resolve(match[0]);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`worker did not log ${pattern} within ${timeoutMs} ms; log:\n${output}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Starts a worker and waits until it consumes (or says it is held by INGESTION_ENABLED=false). */
export async function startReadyWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const worker = startWorker(env);
  await worker.waitForLog(/берёт задания индексации|Индексация выключена/);
  return worker;
}

export async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill("SIGTERM");
  await worker.exited;
}

// The CLI is started the one way every suite starts it (apps/cli/test/cli-helpers.ts).
export { type CliResult, runCli } from "../../../cli/test/cli-helpers.js";
