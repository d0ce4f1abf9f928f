// Every parse child still running, so none outlives the parent: they are killed when the
// parent exits (children also exit by themselves when the IPC channel drops).
import type { ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killAll(): void {
  for (const child of live) child.kill("SIGKILL");
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
