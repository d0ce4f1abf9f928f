// Issue #9 item 6: the whole ../shared/corpus (good, malformed, fuzzed, encrypted, scanned,
// image-only, broken EPUBs, RTL, fixed layout) plus the generated attacks (zip bombs, 100k empty
// pages, 0-byte files, zip slip, `..` names, symlinks out of BOOKS_DIR, a non-UTF-8 name) go
// through ONE real `ai-library ingest --inline --json` with the default limits. Every file must
// end indexed or refused with a specific reason, every parse must stay inside its time and
// memory limits, nothing outside BOOKS_DIR may be read or written, and the good books must be
// published. This is the suite's one heavy test (about 3 minutes on 2 busy cores).
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import type { BookOutcome } from "@ai-library/shared/pipeline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suiteLogDir, suiteRunDir } from "../support/suite-logs.js";
import { suiteSecretEnv } from "../support/suite-secrets.js";
import { corpusBooks, corpusRoot } from "./corpus-expectations.js";
import { type HostileLibrary, writeHostileBooks } from "./hostile-books.js";
import { type InlineIngestRun, runInlineIngest } from "./run-inline-ingest.js";

// The configured defaults (packages/shared/src/config/schema.ts), which this run keeps.
const PARSE_TIMEOUT_MS = 120_000;
const PARSE_MEMORY_MB = 1024;
// A scanned book's parse may run on by its OCR allowance: OCR_PAGE_TIMEOUT_SECONDS per page,
// OCR_CONCURRENCY pages at once (load-book-isolated.ts).
const OCR_PAGE_TIMEOUT_MS = 120_000;
const OCR_CONCURRENCY = 2;
// RSS counts more than the V8 heap the limit caps (code, buffers, pdf.js workers): allow for it.
const RSS_ABOVE_HEAP_MB = 400;
const CLI_RSS_LIMIT_MB = 1024;
const RUN_TIMEOUT_MS = 12 * 60_000;

const dir = mkdtempSync(join(tmpdir(), "hostile-corpus-"));
const booksDir = join(dir, "books");
const indexDir = join(dir, "index");
let hostile: HostileLibrary;
let run: InlineIngestRun;

const outcomeOf = (outcome: BookOutcome) =>
  outcome.status === "failed" ? (outcome.errorKind ?? "failed") : outcome.status;

function copyCorpus(): string[] {
  const copied: string[] = [];
  for (const book of corpusBooks()) {
    const target = join(booksDir, "corpus", book.path);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(corpusRoot, book.path), target);
    copied.push(book.path);
  }
  return copied;
}

/** Every file of a folder, read as bytes, that contains `needle`. */
function filesContaining(folder: string, needle: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => readFileSync(file).includes(needle));
}

beforeAll(async () => {
  const copyStarted = Date.now();
  copyCorpus();
  hostile = await writeHostileBooks(booksDir, join(dir, "outside"));
  const prepareMs = Date.now() - copyStarted;
  run = await runInlineIngest(
    { BOOKS_DIR: booksDir, INDEX_DIR: indexDir, LOG_DIR: suiteLogDir("hostile-books-corpus"), ...suiteSecretEnv() },
    { logName: "hostile-books-corpus-cli", timeoutMs: RUN_TIMEOUT_MS, sampleEveryMs: 50 },
  );
  const figures = {
    prepareMs,
    wallMs: run.wallMs,
    reportDurationMs: run.report.durationMs,
    cliPeakRssMb: run.cliPeakRssMb,
    treePeakRssMb: run.treePeakRssMb,
    outcomes: Object.entries(
      run.report.outcomes.reduce<Record<string, number>>((counts, outcome) => {
        const key = outcomeOf(outcome);
        counts[key] = (counts[key] ?? 0) + 1;
        return counts;
      }, {}),
    ).sort(),
    books: run.books
      .map((book) => ({ ...book, path: relative(booksDir, book.path) }))
      .sort((a, b) => b.parseMs - a.parseMs),
  };
  mkdirSync(join(suiteRunDir(), "figures"), { recursive: true });
  writeFileSync(join(suiteRunDir(), "figures", "hostile-books-corpus.json"), `${JSON.stringify(figures, null, 2)}\n`);
  console.info(
    `corpus + attacks: ${run.report.outcomes.length} files in ${(run.wallMs / 1000).toFixed(1)} s, ` +
      `CLI peak RSS ${run.cliPeakRssMb} MiB, whole tree ${run.treePeakRssMb} MiB; ${JSON.stringify(figures.outcomes)}; ` +
      `slowest parses: ${figures.books
        .slice(0, 5)
        .map((book) => `${book.path} ${book.parseMs} ms ${book.peakRssMb} MiB`)
        .join("; ")}`,
  );
}, RUN_TIMEOUT_MS + 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("ingest of the whole corpus plus generated attacks", () => {
  it("lists every file exactly once, indexed or refused with a kind and a reason that names it", () => {
    const expectedFiles = [
      ...corpusBooks().map((book) => `corpus/${book.path}`),
      ...hostile.books.map((book) => book.file),
    ].sort();
    const reported = run.report.outcomes.map((outcome) => outcome.file).sort();
    expect(reported).toEqual(expectedFiles);
    for (const outcome of run.report.outcomes) {
      if (outcome.status !== "failed") continue;
      expect(outcome.errorKind, outcome.file).toBeDefined();
      // The reason names the book (its report name or its absolute path) and says what is wrong.
      expect(outcome.reason, outcome.file).toMatch(/\S+: .+\(.+\)/);
    }
  });

  it("gives every corpus book the outcome its category allows", () => {
    const byFile = new Map(run.report.outcomes.map((outcome) => [outcome.file, outcomeOf(outcome)]));
    const wrong = corpusBooks()
      .map((book) => ({ ...book, got: byFile.get(`corpus/${book.path}`) }))
      .filter((book) => !book.expected.includes(book.got as never))
      .map((book) => `${book.path} (${book.category}): ${book.got}, expected ${book.expected.join(" or ")}`);
    expect(wrong).toEqual([]);
  });

  it("refuses each attack for its own reason", () => {
    const byFile = new Map(run.report.outcomes.map((outcome) => [outcome.file, outcomeOf(outcome)]));
    const got = Object.fromEntries(hostile.books.map((book) => [book.file, byFile.get(book.file)]));
    const expected = Object.fromEntries(hostile.books.map((book) => [book.file, book.expected]));
    expect(got).toEqual(expected);
  });

  it("reads nothing outside BOOKS_DIR and writes nothing there", () => {
    expect(filesContaining(indexDir, hostile.outsideCanary)).toEqual([]);
    expect(filesContaining(indexDir, "root:x:0:0")).toEqual([]);
    expect(filesContaining(indexDir, "ZIP SLIP ESCAPED")).toEqual([]);
    expect(hostile.zipSlipTargets.filter((target) => existsSync(target))).toEqual([]);
  });

  it("keeps every parse inside the time and memory limits, and the run's memory bounded", () => {
    // Most books that reached a parser were seen (and measured) as their own parse child. A
    // /proc sampler in this process cannot promise all: it sleeps through children that live
    // less than a few of its ticks — 2 of 57 missed on a loaded machine, 13 on an idle one where
    // parses are quick (and so far inside their limits). The limits themselves are enforced and
    // proven one by one in book-limits.test.ts; here at least half must be measured.
    const parsedKinds = ["indexed", "encrypted", "no_text", "too_large", "timeout", "out_of_memory"];
    const parsed = run.report.outcomes.filter((outcome) => parsedKinds.includes(outcomeOf(outcome)));
    const measured = new Set(run.books.map((book) => book.path));
    const unmeasured = parsed.filter((outcome) => !measured.has(join(booksDir, outcome.file)));
    expect(unmeasured.length, unmeasured.map((outcome) => outcome.file).join(", ")).toBeLessThanOrEqual(
      Math.floor(parsed.length * 0.5),
    );
    const ocrPagesOf = new Map(
      run.report.outcomes.map((outcome) => [
        join(booksDir, outcome.file),
        (outcome.ocr?.ocrPages ?? 0) + (outcome.ocr?.failedPages.length ?? 0),
      ]),
    );
    const allowanceMs = (path: string) =>
      Math.ceil((ocrPagesOf.get(path) ?? 0) / OCR_CONCURRENCY) * OCR_PAGE_TIMEOUT_MS;
    const overTime = run.books.filter((book) => book.parseMs > PARSE_TIMEOUT_MS + allowanceMs(book.path) + 5_000);
    const overMemory = run.books.filter((book) => book.peakRssMb > PARSE_MEMORY_MB + RSS_ABOVE_HEAP_MB);
    expect(overTime).toEqual([]);
    expect(overMemory).toEqual([]);
    expect(run.cliPeakRssMb).toBeGreaterThan(0);
    expect(run.cliPeakRssMb).toBeLessThan(CLI_RSS_LIMIT_MB);
  });

  it("publishes a generation with every book that could be indexed", () => {
    expect(run.code).toBe(0);
    expect(run.report.published).toBe(true);
    const manifest = JSON.parse(
      readFileSync(join(indexDir, "generations", run.report.generationId ?? "missing", "manifest.json"), "utf8"),
    ) as { books: { file: string }[] };
    const indexed = run.report.outcomes
      .filter((outcome) => outcome.status === "indexed")
      .map((outcome) => outcome.file);
    expect(manifest.books.map((book) => book.file).sort()).toEqual(indexed.sort());
    expect(indexed).toEqual(expect.arrayContaining(["corpus/pdf/tracemonkey.pdf", "corpus/epub/TaeKim_RU.epub"]));
  });
});
