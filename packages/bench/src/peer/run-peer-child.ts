// Runs one peer-run.ts side, or the paired phase (peer-paired.ts), in a child process and
// returns its result line.
import { join } from "node:path";
import { runChild } from "../run-child.js";
import type { DurableFloor } from "./durable-floor.js";
import type { PairedResult } from "./peer-paired.js";
import type { PeerBuildResult, PeerRunResult } from "./peer-results.js";

const script = (name: string) => join(import.meta.dirname, name);

/** Builds one system's index of `size` chunks into `dir` and measures it in a process of its own. */
export function runPeerChild(
  system: "ours" | "langchain",
  size: number,
  dir: string,
  extra: string[] = [],
): PeerRunResult {
  const args = ["--system", system, "--size", String(size), "--dir", dir, ...extra];
  return runChild(script("peer-run.ts"), args, "PEER_RESULT") as PeerRunResult;
}

/** One more build of `size` chunks into `dir` in a fresh process, timed and nothing else. */
export function runBuildChild(
  system: "ours" | "langchain",
  size: number,
  dir: string,
  extra: string[] = [],
): PeerBuildResult {
  const args = ["--system", system, "--size", String(size), "--dir", dir, "--build-only", ...extra];
  return runChild(script("peer-run.ts"), args, "PEER_BUILD") as PeerBuildResult;
}

/** Loads and searches both saved indexes in one process, alternating between them. */
export function runPairedChild(oursDir: string, langchainDir: string): PairedResult {
  return runChild(
    script("peer-paired.ts"),
    ["--ours", oursDir, "--langchain", langchainDir],
    "PAIRED_RESULT",
  ) as PairedResult;
}

/** The build floor of a generation's files, measured in a fresh process (floor-run.ts). */
export function runFloorChild(generationDir: string, fileNames: string[]): DurableFloor {
  return runChild(
    script("floor-run.ts"),
    ["--dir", generationDir, "--files", fileNames.join(",")],
    "FLOOR_RESULT",
  ) as DurableFloor;
}
