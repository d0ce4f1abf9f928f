// faiss_threads.h: FAISS's OpenMP loops and OpenBLAS run on one thread unless the operator set
// OMP_NUM_THREADS or OPENBLAS_NUM_THREADS. Each case is a fresh process, because the addon reads
// the environment once, when it is loaded.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const probe = fileURLToPath(new URL("./fixtures/math-threads-probe.mjs", import.meta.url));

function runProbe(env: Record<string, string>): { threadsAdded: number; cpuPerWall: number } {
  const inherited = { ...process.env };
  delete inherited.OMP_NUM_THREADS;
  delete inherited.OPENBLAS_NUM_THREADS;
  const child = spawnSync(process.execPath, [probe], { env: { ...inherited, ...env }, encoding: "utf8" });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout.trim());
}

describe("FAISS math threads", () => {
  it("runs OpenMP and OpenBLAS on one thread when the environment says nothing", () => {
    const { threadsAdded, cpuPerWall } = runProbe({});
    expect(threadsAdded).toBe(0);
    // One thread can use at most one core's time; two would show ~2 on a 2-core machine.
    expect(cpuPerWall).toBeLessThan(1.4);
  });

  it("leaves the thread count to the libraries when the operator set OMP_NUM_THREADS", () => {
    expect(runProbe({ OMP_NUM_THREADS: "2" }).threadsAdded).toBeGreaterThanOrEqual(1);
  });
});
