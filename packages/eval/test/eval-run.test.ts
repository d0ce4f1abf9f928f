// `pnpm eval` end to end on a small library (2 XQuAD articles per language, no real books):
// a real child process builds the library through the ingest pipeline, asks every question
// in each mode and writes the table with the settings used.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const repoRoot = resolve(import.meta.dirname, "../../..");

interface EvalJson {
  command: string;
  retrieval: { mode: string };
  library: { chunks: number };
  results: {
    name: string;
    scores: Record<string, { questions: number; recallAt1: number; recallAt5: number; mrr: number }>;
  }[];
}

describe("pnpm eval", () => {
  it("builds a library, scores dense, keyword, hybrid and query-expansion search per language and writes the JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "eval-run-"));
    try {
      const out = join(dir, "eval.json");
      const run = spawnSync(
        process.execPath,
        ["--import", "tsx", "packages/eval/src/main.ts", "--articles", "2", "--no-books", "--out", out],
        {
          cwd: repoRoot,
          encoding: "utf8",
          timeout: 120_000,
        },
      );
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/hybrid \(default\)/);
      const report = JSON.parse(readFileSync(out, "utf8")) as EvalJson;
      expect(report.command).toBe("pnpm eval --articles 2 --no-books");
      expect(report.retrieval.mode).toBe("hybrid");
      expect(report.library.chunks).toBeGreaterThan(4);
      expect(report.results.map((result) => result.name)).toEqual([
        "dense only",
        "keyword only",
        "hybrid, raw chunks",
        "hybrid (default)",
        "hybrid + RM3",
        "hybrid + thesaurus",
      ]);
      const hybrid = report.results.find((result) => result.name === "hybrid (default)")?.scores ?? {};
      expect(Object.keys(hybrid)).toEqual(["xquad/en", "xquad/ru"]);
      for (const scores of Object.values(hybrid)) {
        expect(scores.questions).toBeGreaterThan(20);
        expect(scores.recallAt5).toBeGreaterThanOrEqual(scores.recallAt1);
        // Two articles: a working retriever finds nearly every answer, a broken one almost none.
        expect(scores.recallAt5).toBeGreaterThan(0.8);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
