// `pnpm bench scale [--size N] [--factory F] [--nprobe P]`: 1M × 384 clustered synthetic unit
// vectors published as a flat generation and as an approximate one (default IVF1024,Flat with
// INDEX_NPROBE's default), then each loaded in a fresh process: build time, files on disk, load
// time (with verification), RSS growth, single-query search p50/p99 and recall@10 against flat
// (asking for 10, and for 50 as hybrid retrieval does: HNSW explores max(efSearch=16, k)
// candidates, so k=50 buys recall). For an IVF index, also a sweep of nprobe values on copies
// of its file (scale/nprobe-sweep.ts): the recall and speed each INDEX_NPROBE would give.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_NPROBE, INDEX_FILE, openIndexStore } from "@ai-library/shared/index";
import { option, wholeNumberOption } from "./cli-args.js";
import { timed } from "./peer/measure.js";
import { type Figure, report } from "./report.js";
import { runChild } from "./run-child.js";
import { createClusteredVectors, rowsOf } from "./scale/clustered-vectors.js";
import type { NprobeSweepRow } from "./scale/nprobe-sweep.js";
import { recallAtK } from "./scale/recall.js";
import type { ScaleProbeResult } from "./scale/scale-probe.js";

const DIMS = 384;
const BOOK_ROWS = 10_000;
const QUERIES = 100;
// Per-dimension noise: points sit at cosine ≈ 0.86 to their centre, ≈ 0.74 to each other,
// about how close passages on one topic sit in a real embedding space.
const SPREAD = 0.03;

const size = wholeNumberOption("size", 1_000_000);
const approxFactory = option("factory") ?? "IVF1024,Flat";
const nprobe = wholeNumberOption("nprobe", DEFAULT_NPROBE);
const SWEEP = [1, 4, 16, 64];
const clusters = Math.max(16, Math.round(size / 1000));

async function publish(dir: string, factory: string) {
  const store = openIndexStore(dir);
  // Same seed for both: flat and approximate index the very same vectors.
  const vectors = createClusteredVectors({ dims: DIMS, clusters, spread: SPREAD, seed: 42 });
  const built = await timed(() =>
    store.publish(
      {
        embedder: { provider: "local", model: "bench-synthetic", dims: DIMS },
        chunking: { version: "bench", chunkSize: 1000, chunkOverlap: 0 },
        indexFactory: factory,
        nprobe,
        // Vectors are what is measured here; 1M chunks of text in FTS5 is the ingest bench's business.
        keywordIndex: false,
      },
      async (builder) => {
        for (let first = 0; first < size; first += BOOK_ROWS) {
          const rows = Math.min(BOOK_ROWS, size - first);
          const bookId = String(first / BOOK_ROWS).padStart(64, "0");
          const chunks = Array.from({ length: rows }, (_, position) => ({
            bookId,
            title: "Synthetic",
            file: `synthetic-${first / BOOK_ROWS}.txt`,
            position,
            text: `Synthetic passage ${first + position}`,
          }));
          const head = chunks[0];
          if (!head) continue;
          builder.addBook(
            { bookId, file: head.file, title: head.title, format: "txt" },
            chunks,
            rowsOf(vectors.next(rows), DIMS),
          );
        }
      },
    ),
  );
  const bytes = Object.values(built.value.files).reduce((sum, file) => sum + file.bytes, 0);
  const indexBytes = built.value.files["index.faiss"]?.bytes ?? 0;
  return { id: built.value.id, seconds: built.seconds, bytes, indexBytes };
}

function probe(dir: string, id: string, queries: string, exact: boolean): ScaleProbeResult {
  const args = ["--dir", dir, "--id", id, "--queries", queries, ...(exact ? ["--exact"] : [])];
  return runChild(join(import.meta.dirname, "scale/scale-probe.ts"), args, "SCALE_PROBE") as ScaleProbeResult;
}

function sweepFigures(rows: NprobeSweepRow[]): Figure[] {
  return rows.flatMap((row) => [
    { name: `${approxFactory} nprobe=${row.nprobe}: search p50 (k=10)`, value: row.searchP50Ms, unit: "ms" },
    { name: `${approxFactory} nprobe=${row.nprobe}: search p99 (k=10)`, value: row.searchP99Ms, unit: "ms" },
    { name: `${approxFactory} nprobe=${row.nprobe}: recall@10 vs flat`, value: row.recallAt10, unit: "" },
  ]);
}

function figuresOf(name: string, built: Awaited<ReturnType<typeof publish>>, probed: ScaleProbeResult): Figure[] {
  return [
    { name: `${name}: build (publish)`, value: built.seconds, unit: "s" },
    { name: `${name}: files on disk`, value: built.bytes / 2 ** 20, unit: "MiB" },
    { name: `${name}: load (verified)`, value: probed.loadSeconds, unit: "s" },
    { name: `${name}: RSS growth after load`, value: probed.loadRssMb, unit: "MiB" },
    { name: `${name}: search p50 (k=10)`, value: probed.searchP50Ms, unit: "ms" },
    { name: `${name}: search p99 (k=10)`, value: probed.searchP99Ms, unit: "ms" },
  ];
}

const work = mkdtempSync(join(tmpdir(), "bench-scale-"));
try {
  const queriesFile = join(work, "queries.f32");
  // Queries are new points around the same centres: the stream that made the library, continued.
  const stream = createClusteredVectors({ dims: DIMS, clusters, spread: SPREAD, seed: 42 });
  stream.next(size);
  writeFileSync(queriesFile, new Uint8Array(stream.next(QUERIES).buffer));
  const flat = await publish(join(work, "flat"), "Flat");
  const flatProbe = probe(join(work, "flat"), flat.id, queriesFile, true);
  const approx = await publish(join(work, "approx"), approxFactory);
  const approxProbe = probe(join(work, "approx"), approx.id, queriesFile, false);
  const exactFile = join(work, "exact-top10.json");
  writeFileSync(exactFile, JSON.stringify(flatProbe.top10));
  const approxIndex = join(work, "approx", "generations", approx.id, INDEX_FILE);
  const sweep = /^IVF\d+,/.test(approxFactory)
    ? (runChild(
        join(import.meta.dirname, "scale/nprobe-sweep.ts"),
        ["--index", approxIndex, "--queries", queriesFile, "--exact", exactFile, "--nprobe", SWEEP.join(",")],
        "NPROBE_SWEEP",
      ) as NprobeSweepRow[])
    : [];
  const n = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
  report(
    "scale",
    [
      ...figuresOf(`${n} Flat`, flat, flatProbe),
      ...figuresOf(
        `${n} ${approxFactory}${/^IVF/.test(approxFactory) ? ` nprobe=${nprobe}` : ""}`,
        approx,
        approxProbe,
      ),
      {
        name: `${approxFactory} recall@10 vs flat (k=10)`,
        value: recallAtK(flatProbe.top10, approxProbe.top10, 10),
        unit: "",
      },
      {
        name: `${approxFactory} recall@10 vs flat (k=50)`,
        value: recallAtK(flatProbe.top10, approxProbe.top10Of50, 10),
        unit: "",
      },
      {
        name: `search p50 speed-up ${approxFactory} vs Flat`,
        value: flatProbe.searchP50Ms / approxProbe.searchP50Ms,
        unit: "×",
      },
      ...sweepFigures(sweep),
    ],
    [
      `${size} × ${DIMS} clustered synthetic unit vectors (${clusters} clusters), ${QUERIES} single queries from the same clusters`,
      `IVF searches the nprobe written into its file by the publish (INDEX_NPROBE, here ${nprobe}); the sweep re-reads copies of the same file with other values. HNSW keeps efSearch=16 (k>16 raises it to k)`,
    ],
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
