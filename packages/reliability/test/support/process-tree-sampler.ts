// Watches a process and all its descendants through /proc while it runs: the peak resident
// memory of the whole tree, and for each process its command line, how long it was seen and
// its own peak (VmHWM). Used to put time and memory figures on each parse child of an ingest.
import { readdirSync, readFileSync } from "node:fs";

export interface SampledProcess {
  pid: number;
  argv: string[];
  firstSeenMs: number;
  lastSeenMs: number;
  /** Highest VmHWM read (the kernel's own peak RSS of the process), in MiB. */
  peakRssMb: number;
}

export interface TreeSample {
  /** Highest sum of VmRSS over the tree seen in one sample, in MiB. */
  peakTreeRssMb: number;
  processes: SampledProcess[];
  samples: number;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

function parentOf(pid: number): number | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  // Field 4 is the parent pid; the command (field 2) is in parentheses and may hold spaces.
  const afterName = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
  return afterName ? Number(afterName[1]) : undefined;
}

function kbField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) : 0;
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i] ?? -1) ?? []));
  return tree;
}

/** Starts sampling `rootPid` every `intervalMs`; `stop()` returns what was seen. */
export function sampleProcessTree(rootPid: number, intervalMs = 100): { stop(): TreeSample } {
  const seen = new Map<number, SampledProcess>();
  let peakTreeRssMb = 0;
  let samples = 0;
  const sample = () => {
    const now = Date.now();
    let treeKb = 0;
    for (const pid of descendants(rootPid)) {
      const status = readText(`/proc/${pid}/status`);
      if (!status) continue;
      treeKb += kbField(status, "VmRSS");
      const known = seen.get(pid) ?? {
        pid,
        argv: (readText(`/proc/${pid}/cmdline`) ?? "").split("\0").filter(Boolean),
        firstSeenMs: now,
        lastSeenMs: now,
        peakRssMb: 0,
      };
      // Right after fork the child still shows its parent's command line; read it until exec.
      if (known.firstSeenMs === now || known.lastSeenMs - known.firstSeenMs < 2000) {
        known.argv = (readText(`/proc/${pid}/cmdline`) ?? "").split("\0").filter(Boolean);
      }
      known.lastSeenMs = now;
      known.peakRssMb = Math.max(known.peakRssMb, kbField(status, "VmHWM") / 1024);
      seen.set(pid, known);
    }
    peakTreeRssMb = Math.max(peakTreeRssMb, treeKb / 1024);
    samples += 1;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakTreeRssMb, processes: [...seen.values()], samples };
    },
  };
}
