// What a peer-benchmark child process reports back: shared by the child (peer-run.ts) and the
// parent that starts it (run-peer-child.ts), so neither imports the other.
import type { DurableFloor } from "./durable-floor.js";

export interface PeerRunResult {
  system: "ours" | "langchain";
  size: number;
  buildSeconds: number;
  buildRssMb: number;
  loadSeconds: number;
  loadRssMb: number;
  diskMb: number;
  /** Ours only: writing, hashing and fsyncing the generation's files alone (durable-floor.ts). */
  durableFloor?: DurableFloor;
}

/** `--build-only`: one more build in a fresh process, nothing else (peer.bench.ts's extra rounds). */
export type PeerBuildResult = Pick<PeerRunResult, "system" | "size" | "buildSeconds">;
