// Two honest ways to make the disk refuse writes. Preferred: INDEX_DIR on a small tmpfs (real
// ENOSPC from the kernel; needs root or CAP_SYS_ADMIN). Without that, the CLI runs under a
// file-size limit (RLIMIT_FSIZE, `ulimit -f`): the kernel then refuses writes past the limit with
// EFBIG — a real failed write, though not literally a full disk.
import { spawnSync } from "node:child_process";
import { type CliResult, runCli } from "../../../../../apps/cli/test/cli-helpers.js";

export type DiskLimit = { kind: "tmpfs"; bytes: number } | { kind: "file-size-limit"; bytes: number };

/** Mounts a tmpfs of `bytes` at `dir`; false when this process may not mount. */
export function mountTmpfs(dir: string, bytes: number): boolean {
  return spawnSync("mount", ["-t", "tmpfs", "-o", `size=${bytes}`, "tmpfs", dir], { stdio: "ignore" }).status === 0;
}

export function unmount(dir: string): void {
  spawnSync("umount", [dir], { stdio: "ignore" });
}

/** The real CLI; under `fileSizeLimitBytes` (RLIMIT_FSIZE) when given. */
export function runCliLimited(
  args: string[],
  env: Record<string, string>,
  fileSizeLimitBytes?: number,
): Promise<CliResult> {
  return runCli(args, env, { timeoutMs: 300_000, ...(fileSizeLimitBytes === undefined ? {} : { fileSizeLimitBytes }) });
}
