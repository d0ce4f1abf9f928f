// Runs the real CLI (`tsx apps/cli/src/main.ts`) as a child process against temp folders.
// The one way every test suite (CLI, worker, reliability) starts the CLI.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join } from "node:path";

export const repoRoot = join(import.meta.dirname, "..", "..", "..");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  /** Killed with SIGKILL and rejected after this long (default 120 s). */
  timeoutMs?: number;
  /** Runs under RLIMIT_FSIZE (`ulimit -f`): writes past this many bytes fail with EFBIG. */
  fileSizeLimitBytes?: number;
  /** Sees the child as soon as it starts (to tee its output or sample its memory). */
  onSpawn?: (child: ChildProcessWithoutNullStreams) => void;
}

export function runCli(
  args: string[],
  env: Record<string, string>,
  options: number | RunCliOptions = {},
): Promise<CliResult> {
  const {
    timeoutMs = 120_000,
    fileSizeLimitBytes,
    onSpawn,
  } = typeof options === "number" ? { timeoutMs: options } : options;
  const node = [process.execPath, "--import", "tsx", join(repoRoot, "apps/cli/src/main.ts"), ...args];
  const [command, ...commandArgs] =
    fileSizeLimitBytes === undefined
      ? node
      : ["bash", "-c", `ulimit -f ${Math.ceil(fileSizeLimitBytes / 1024)} && exec "$@"`, "bash", ...node];
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, commandArgs, {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }) as unknown as ChildProcessWithoutNullStreams;
    onSpawn?.(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data: Buffer) => {
      stdout += data.toString();
    });
    child.stderr.on("data", (data: Buffer) => {
      stderr += data.toString();
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`CLI ${args.join(" ")} timed out after ${timeoutMs} ms; stderr tail:\n${stderr.slice(-3000)}`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
