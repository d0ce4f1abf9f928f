// Runs one peer-run.ts side, or the paired phase (peer-paired.ts), in a child process and
// returns its result line.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { PairedResult } from "./peer-paired.js";
import type { PeerRunResult } from "./peer-run.js";

function runChild(script: string, args: string[], marker: string): unknown {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", "--expose-gc", join(import.meta.dirname, script), ...args],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 2 ** 24,
    },
  );
  const line = child.stdout.split("\n").find((text) => text.startsWith(`${marker} `));
  if (child.status !== 0 || !line) {
    throw new Error(`${script} ${args.join(" ")} failed (exit ${child.status}): ${child.stdout.slice(-500)}`);
  }
  return JSON.parse(line.slice(marker.length + 1));
}

/** Builds one system's index of `size` chunks into `dir` and measures it in a process of its own. */
export function runPeerChild(
  system: "ours" | "langchain",
  size: number,
  dir: string,
  extra: string[] = [],
): PeerRunResult {
  const args = ["--system", system, "--size", String(size), "--dir", dir, ...extra];
  return runChild("peer-run.ts", args, "PEER_RESULT") as PeerRunResult;
}

/** Loads and searches both saved indexes in one process, alternating between them. */
export function runPairedChild(oursDir: string, langchainDir: string): PairedResult {
  return runChild("peer-paired.ts", ["--ours", oursDir, "--langchain", langchainDir], "PAIRED_RESULT") as PairedResult;
}
