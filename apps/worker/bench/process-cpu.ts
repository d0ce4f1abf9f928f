// CPU seconds a process and the children it has reaped (its parse children) have used, from
// /proc/<pid>/stat (Linux). Wall time on a shared machine depends on what else runs; CPU time
// per book does not, so the benchmark prints both.
import { readFileSync } from "node:fs";

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function processTreeCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime, stime, cutime, cstime are fields 14–17 of the full line: 12–15 after the name.
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
  return ticks / CLOCK_TICKS_PER_SECOND;
}
