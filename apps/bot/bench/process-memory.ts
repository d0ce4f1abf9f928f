// Proportional set size of the bot and its search process (Linux, /proc/<pid>/smaps_rollup).
// RSS counts the pages two processes map from the same files (the node binary, shared
// libraries) in full in each of them; PSS splits shared pages among the processes mapping
// them, so the PSS of the bot plus its search process is what the pair really occupies.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export function pssMb(pid: number): number {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? Number.NaN) / 1024;
}

/** The bot's search process, matched by script name (tsx's esbuild service is a child too). */
export function searchProcessPid(botPid: number): number | undefined {
  try {
    const found = execFileSync("pgrep", ["-P", String(botPid), "-f", "faiss-search-process"], { encoding: "utf8" });
    return Number(found.trim().split("\n")[0]) || undefined;
  } catch {
    return undefined; // pgrep exits 1 when nothing matches
  }
}

/** The script a process runs, with the Node options before it: shows whether the tsx loader is among them. */
export function scriptOf(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").slice(1).join(" ").trim();
}

/** Resident set size now (VmRSS), or 0 once the process is gone. */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

export interface RssSampler {
  /** Mean RSS of each sampled process over the samples taken so far. */
  stop(): number[];
}

/**
 * Samples the processes' RSS every `everyMs` while a load runs. One reading taken after the
 * load lands wherever V8's collector happened to be (±15 MB on the bot from run to run); the
 * mean over the load is what the processes hold while they serve.
 */
export function sampleRss(pids: readonly number[], everyMs = 250): RssSampler {
  const sums = pids.map(() => 0);
  let samples = 0;
  const take = () => {
    pids.forEach((pid, at) => {
      sums[at] = (sums[at] ?? 0) + rssMb(pid);
    });
    samples++;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return sums.map((sum) => sum / samples);
    },
  };
}
