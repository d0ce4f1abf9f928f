// Leftovers of cluster runs that died without tearing down (a crashed or killed test process):
// namespaces, with whatever still runs in them, and bridges whose pid (in the name) is gone.
// Runs at the start of every cluster run; a run still going keeps its pid alive and is left be.
import { execFileSync } from "node:child_process";
import { readdirSync, rmdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLUSTER_PREFIX } from "./cluster-network.js";
import { ip, ipQuietly } from "./ip-command.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Kills every process in a namespace (they would keep it alive after `ip netns del`). */
export function killNamespaceProcesses(namespace: string): void {
  let pids: string[] = [];
  try {
    pids = execFileSync("ip", ["netns", "pids", namespace], { encoding: "utf8" }).split(/\s+/).filter(Boolean);
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // exited meanwhile
    }
  }
}

/** Folders named aclb-<pid>-… under `root` whose pid is gone. */
function staleEntries(root: string): string[] {
  const ownerOf = new RegExp(`^${CLUSTER_PREFIX}-(\\d+)-`);
  try {
    return readdirSync(root).filter((name) => {
      const owner = ownerOf.exec(name)?.[1];
      return owner !== undefined && !alive(Number(owner));
    });
  } catch {
    return [];
  }
}

/** Removes stale namespaces, bridges, temp folders and CPU cgroups; returns their names. */
export function removeStaleClusters(): string[] {
  const removed: string[] = [];
  const ownerOf = new RegExp(`^${CLUSTER_PREFIX}-(\\d+)-`);
  for (const line of ip("netns", "list").split("\n")) {
    const namespace = line.split(" ")[0] ?? "";
    const owner = ownerOf.exec(namespace)?.[1];
    if (owner === undefined || alive(Number(owner))) continue;
    killNamespaceProcesses(namespace);
    ipQuietly("netns", "del", namespace);
    removed.push(namespace);
  }
  const bridgeOwner = new RegExp(`^\\d+: (${CLUSTER_PREFIX}(\\d+)[a-z])[:@]`);
  for (const line of ip("-o", "link", "show").split("\n")) {
    const match = bridgeOwner.exec(line);
    if (!match?.[1] || alive(Number(match[2]))) continue;
    ipQuietly("link", "del", match[1]);
    removed.push(match[1]);
  }
  for (const name of staleEntries(tmpdir())) {
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
    removed.push(name);
  }
  for (const root of ["/sys/fs/cgroup/cpu", "/sys/fs/cgroup"])
    for (const name of staleEntries(root)) {
      try {
        rmdirSync(join(root, name));
        removed.push(name);
      } catch {
        // still holds a process, or not ours to remove
      }
    }
  return removed;
}
