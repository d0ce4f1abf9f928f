// How a bot replica's CPU is limited in the cluster benchmark, stated in its output. A cgroup
// CPU quota (cgroup v1 cpu.cfs_quota_us, or v2 cpu.max) when this machine lets us make one:
// the replica and its search process together get `percent` of one core, wherever the kernel
// runs them. Otherwise pinning to one core (taskset), which limits less evenly: whatever else
// runs on that core competes with it. systemd-run --scope would do the same as the cgroup, but
// needs systemd as init, which containers and CI runners often lack.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface CpuLimit {
  /** For the benchmark's output, e.g. "cgroup v1 CPU quota 50% of one core (cpu.cfs_quota_us=50000/100000)". */
  description: string;
  /** Command words that start a process under the limit (its children inherit it). */
  launcher: string[];
  /** Removes the cgroup (after the processes in it exited). */
  release(): void;
}

const V1_ROOT = "/sys/fs/cgroup/cpu";
const V2_ROOT = "/sys/fs/cgroup";
const PERIOD_US = 100_000;

/** A shell that moves itself into the cgroup, then execs the command: the process starts limited. */
const joinCgroup = (procsFile: string) => ["sh", "-c", 'echo $$ > "$0" && exec "$@"', procsFile];

export function cgroupCpuQuota(name: string, percent: number): CpuLimit | undefined {
  const quota = Math.round((PERIOD_US * percent) / 100);
  try {
    if (existsSync(join(V1_ROOT, "cpu.cfs_quota_us"))) {
      const dir = join(V1_ROOT, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "cpu.cfs_period_us"), String(PERIOD_US));
      writeFileSync(join(dir, "cpu.cfs_quota_us"), String(quota));
      return {
        description: `cgroup v1 CPU quota ${percent}% of one core (cpu.cfs_quota_us=${quota}/${PERIOD_US})`,
        launcher: joinCgroup(join(dir, "cgroup.procs")),
        release: () => removeCgroup(dir),
      };
    }
    if (existsSync(join(V2_ROOT, "cgroup.controllers"))) {
      const dir = join(V2_ROOT, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "cpu.max"), `${quota} ${PERIOD_US}`);
      return {
        description: `cgroup v2 CPU quota ${percent}% of one core (cpu.max=${quota} ${PERIOD_US})`,
        launcher: joinCgroup(join(dir, "cgroup.procs")),
        release: () => removeCgroup(dir),
      };
    }
  } catch {
    // not permitted here (no root, read-only cgroupfs): the caller falls back to pinning
  }
  return undefined;
}

/** Removes a cgroup once its killed processes are gone (synchronous: teardown may run at exit). */
function removeCgroup(dir: string): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      rmdirSync(dir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      // EBUSY: a killed process is not reaped yet; a later run removes what is still left
      Atomics.wait(pause, 0, 0, 50);
    }
  }
}

export function pinToCore(core: number): CpuLimit {
  execFileSync("taskset", ["-c", String(core), "true"], { stdio: "ignore" });
  return {
    description: `pinned to core ${core} (taskset -c ${core})`,
    launcher: ["taskset", "-c", String(core)],
    release: () => {},
  };
}
