// A reader that never stops looking: it reads INDEX_DIR/LIVE and runs the full check `index
// check` runs (manifest, sizes, checksums, FAISS, docstore) on that generation, again and again,
// while a test does violent things to the writer. Any failed check of a generation that is still
// live afterwards is a moment a bot starting then would have met a broken index.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describeFaults, verifyGeneration } from "@ai-library/shared/index";

export interface ReaderReport {
  checks: number;
  /** Every generation id seen live, in order of first sight. */
  generations: string[];
  violations: string[];
}

export interface LiveGenerationReader {
  report(): ReaderReport;
  stop(): Promise<ReaderReport>;
}

function readLive(indexDir: string): string | undefined {
  try {
    return readFileSync(join(indexDir, "LIVE"), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

export function startLiveGenerationReader(indexDir: string, pauseMs = 25): LiveGenerationReader {
  const state: ReaderReport = { checks: 0, generations: [], violations: [] };
  let stopped = false;
  const checkOnce = async () => {
    const id = readLive(indexDir);
    if (!id) return;
    if (!state.generations.includes(id)) state.generations.push(id);
    const check = await verifyGeneration(join(indexDir, "generations", id));
    state.checks += 1;
    // Only a generation that is still live counts: one replaced meanwhile may be pruned under us.
    if (!check.ok && readLive(indexDir) === id) {
      state.violations.push(`${id}: ${describeFaults(check.faults)}`);
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await checkOnce();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    report: () => ({ ...state, generations: [...state.generations], violations: [...state.violations] }),
    async stop() {
      stopped = true;
      await loop;
      // One last look: the loop may have checked just before a publish that the test has already
      // seen finish (on a loaded machine a check of a 40-book generation takes a while).
      await checkOnce();
      return state;
    },
  };
}
