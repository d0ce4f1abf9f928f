// Every parse child still running, so none outlives the parent: they are killed when the
// parent exits (children also exit by themselves when the IPC channel drops).
import type { ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills the child and the tools it started (it leads its own process group). */
export function killProcessGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL"); // the group is gone already, or the child never became its leader
  }
}

function killAll(): void {
  for (const child of live) killProcessGroup(child);
  live.clear();
}

export function trackChild(child: ChildProcess): void {
  if (!exitHookInstalled) {
    process.once("exit", killAll);
    exitHookInstalled = true;
  }
  live.add(child);
  child.once("exit", () => live.delete(child));
}

/** How many parse children are running now (for tests and health checks). */
export function countLiveParseChildren(): number {
  return live.size;
}
