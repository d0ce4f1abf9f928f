// Loads the FAISS Node addon: our own build of faiss-node's source against the system
// FAISS first (see scripts/build-addon.mjs), then faiss-node's prebuilt binary where a
// machine with internet installed one. Callers get one typed surface either way.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface FaissSearchResult {
  distances: number[];
  labels: number[];
}

export interface FaissIndex {
  ntotal(): number;
  getDimension(): number;
  isTrained(): boolean;
  add(vectors: number[]): void;
  train(vectors: number[]): void;
  search(query: number[], k: number): FaissSearchResult;
  write(path: string): void;
  toBuffer(): Buffer;
  mergeFrom(other: FaissIndex): void;
  removeIds(ids: number[]): number;
}

interface FaissIndexClass {
  new (dims: number): FaissIndex;
  read(path: string): FaissIndex;
  fromBuffer(buffer: Buffer): FaissIndex;
  fromFactory(dims: number, descriptor: string, metric?: number): FaissIndex;
}

export interface FaissAddon {
  Index: FaissIndexClass;
  IndexFlatL2: FaissIndexClass;
  IndexFlatIP: FaissIndexClass;
  /** Where the addon was loaded from, for start-up logs and `doctor` output. */
  source: string;
}

export const MetricType = { INNER_PRODUCT: 0, L2: 1 } as const;

export class FaissUnavailableError extends Error {
  constructor(reasons: string[]) {
    super(
      "FAISS native addon is not available. Build it with `pnpm --filter @ai-library/faiss-native build` " +
        "after installing libfaiss-dev and libopenblas-dev (bash scripts/setup-system.sh). " +
        `Tried: ${reasons.join("; ")}`,
    );
    this.name = "FaissUnavailableError";
  }
}

let cached: FaissAddon | undefined;

export function loadFaiss(): FaissAddon {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
  const ownBuild = join(packageRoot, "build", "Release", "faiss_node.node");
  const reasons: string[] = [];
  if (existsSync(ownBuild)) {
    try {
      cached = { ...(require(ownBuild) as Omit<FaissAddon, "source">), source: ownBuild };
      return cached;
    } catch (error) {
      reasons.push(`${ownBuild}: ${(error as Error).message}`);
    }
  } else {
    reasons.push(`${ownBuild}: not built`);
  }
  try {
    cached = { ...(require("faiss-node") as Omit<FaissAddon, "source">), source: "faiss-node (prebuilt)" };
    return cached;
  } catch (error) {
    reasons.push(`faiss-node prebuilt: ${(error as Error).message.split("\n")[0]}`);
  }
  throw new FaissUnavailableError(reasons);
}
