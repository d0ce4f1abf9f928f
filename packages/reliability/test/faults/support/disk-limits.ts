// Two honest ways to make the disk refuse writes. Preferred: INDEX_DIR on a small tmpfs (real
// ENOSPC from the kernel; needs root or CAP_SYS_ADMIN). Without that, the CLI runs under a
// file-size limit (RLIMIT_FSIZE, `ulimit -f`): the kernel then refuses writes past the limit with
// EFBIG — a real failed write, though not literally a full disk.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "../../../../../apps/worker/test/helpers/processes.js";

export type DiskLimit = { kind: "tmpfs"; bytes: number } | { kind: "file-size-limit"; bytes: number };

/** Mounts a tmpfs of `bytes` at `dir`; false when this process may not mount. */
export function mountTmpfs(dir: string, bytes: number): boolean {
  return spawnSync("mount", ["-t", "tmpfs", "-o", `size=${bytes}`, "tmpfs", dir], { stdio: "ignore" }).status === 0;
}

export function unmount(dir: string): void {
  spawnSync("umount", [dir], { stdio: "ignore" });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real CLI; under `fileSizeLimitBytes` (RLIMIT_FSIZE) when given. */
export function runCliLimited(
  args: string[],
  env: Record<string, string>,
  fileSizeLimitBytes?: number,
): Promise<CliResult> {
  const node = [process.execPath, "--import", "tsx", join(repoRoot, "apps/cli/src/main.ts"), ...args];
  const [command, ...commandArgs] =
    fileSizeLimitBytes === undefined
      ? node
      : ["bash", "-c", `ulimit -f ${Math.ceil(fileSizeLimitBytes / 1024)} && exec "$@"`, "bash", ...node];
  const child = spawn(command as string, commandArgs, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (data: Buffer) => {
    stdout += data.toString();
  });
  child.stderr.on("data", (data: Buffer) => {
    stderr += data.toString();
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}
