// `pnpm bench grow [--size 100k|1M|N] [--json]`: what a growing library pays per publish. A
// synthetic library (grow/grow-library.ts) is published from scratch, then one 300-chunk book
// is added, then one book is removed, then the segments are folded into one — each publish in a
// process of its own (grow/grow-run.ts), add and remove derived from the live generation. Prints the table; `--json` also prints one
// JSON object with fullPublishSeconds, addOneSeconds, removeOneSeconds and peakRssMiB per size.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { option } from "./cli-args.js";
import type { GrowRunResult } from "./grow/grow-run.js";
import { type Figure, report } from "./report.js";
import { runChild } from "./run-child.js";

/** `--size 100k`, `--size 1M` or a plain number; default 100k. */
function sizes(): number[] {
  const given = option("size");
  if (given === undefined) return [100_000];
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(given.trim());
  const value = match ? Number(match[1]) * ({ k: 1e3, m: 1e6 }[(match[2] ?? "").toLowerCase()] ?? 1) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1000) {
    throw new Error(`--size must be a number of chunks of at least 1000 (100k, 1M, 250000), got "${given}"`);
  }
  return [value];
}

const label = (size: number) => (size >= 1e6 ? `${size / 1e6}M` : `${size / 1000}k`);
const run = (phase: string, size: number, dir: string) =>
  runChild(
    join(import.meta.dirname, "grow/grow-run.ts"),
    ["--phase", phase, "--size", String(size), "--dir", dir],
    "GROW_RESULT",
  ) as GrowRunResult;

const figures: Figure[] = [];
const summary: Record<string, unknown>[] = [];
for (const size of sizes()) {
  const root = mkdtempSync(join(tmpdir(), `bench-grow-${size}-`));
  try {
    const dir = join(root, "index");
    const full = run("full", size, dir);
    const add = run("add", size, dir);
    const remove = run("remove", size, dir);
    const compact = run("compact", size, dir);
    for (const derived of [add, remove]) {
      if (!derived.derivedFrom) throw new Error(`bench grow: the ${derived.phase} publish was not derived`);
    }
    const n = label(size);
    const ratio = add.seconds / full.seconds;
    const peak = Math.max(full.peakRssMiB, add.peakRssMiB, remove.peakRssMiB);
    figures.push(
      {
        name: `${n} full publish (${full.chunkCount} chunks, keyword postings staged)`,
        value: full.seconds,
        unit: "s",
      },
      { name: `${n} add one 300-chunk book (derived)`, value: add.seconds, unit: "s" },
      {
        name: `${n} add one / full publish`,
        value: ratio,
        unit: "×",
        ...(size <= 100_000 ? { target: "≤ 0.1×", ok: ratio <= 0.1 } : {}),
      },
      ...(size >= 1_000_000
        ? [{ name: `${n} add one, seconds`, value: add.seconds, unit: "s", target: "≤ 3 s", ok: add.seconds <= 3 }]
        : []),
      { name: `${n} remove one book from the middle (derived)`, value: remove.seconds, unit: "s" },
      {
        name: `${n} fold the segments into one (worker, after the run; opening the live generation included)`,
        value: compact.seconds,
        unit: "s",
      },
      { name: `${n} open + verify the live generation before add`, value: add.verifyLiveSeconds, unit: "s" },
      { name: `${n} peak RSS: full publish`, value: full.peakRssMiB, unit: "MiB" },
      { name: `${n} peak RSS: add one`, value: add.peakRssMiB, unit: "MiB" },
      { name: `${n} peak RSS: remove one`, value: remove.peakRssMiB, unit: "MiB" },
      { name: `${n} peak RSS: fold`, value: compact.peakRssMiB, unit: "MiB" },
    );
    summary.push({
      size,
      fullPublishSeconds: full.seconds,
      addOneSeconds: add.seconds,
      removeOneSeconds: remove.seconds,
      compactSeconds: compact.seconds,
      addOneRatio: ratio,
      verifyLiveSeconds: add.verifyLiveSeconds,
      peakRssMiB: peak,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
report("grow", figures, [
  "synthetic library: books of 300 chunks of ~600 characters composed from the project's docs; each book's keyword postings computed before the publish, as book jobs stage them; vectors are seeded clustered unit vectors (384 dims), not embeddings — embedding 1M chunks would take over an hour, and a flat index's publish cost does not depend on the vectors",
  "each publish in its own process; its time excludes making the books' chunks/postings/vectors; add and remove are derived from the live generation (its segments hard-linked with their checksums; add writes one new segment for the book, with sha256 and fsync; remove only leaves the book out of the manifest); a full publish is also what folding 10 segments into one costs",
  "'open + verify' is what a run does before it may reuse the live generation (sha256 of every file): paid once per run, not part of the publish",
]);
if (process.argv.includes("--json")) console.log(JSON.stringify(summary.length === 1 ? summary[0] : summary));
