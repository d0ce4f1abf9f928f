// Runs one peer-run.ts side in a child process and returns its result line.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { PeerRunResult } from "./peer-run.js";

const RUNNER = join(import.meta.dirname, "peer-run.ts");

export function runPeerChild(system: "ours" | "langchain", size: number, extra: string[] = []): PeerRunResult {
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", "--expose-gc", RUNNER, "--system", system, "--size", String(size), ...extra],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 2 ** 24 },
  );
  const line = child.stdout.split("\n").find((text) => text.startsWith("PEER_RESULT "));
  if (child.status !== 0 || !line) {
    throw new Error(`peer-run ${system} ${size} failed (exit ${child.status}): ${child.stdout.slice(-500)}`);
  }
  return JSON.parse(line.slice("PEER_RESULT ".length)) as PeerRunResult;
}
