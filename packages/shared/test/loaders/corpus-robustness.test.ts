// Every PDF and EPUB of the shared corpus (good, encrypted, scanned, fuzzed, broken) through the
// isolated loader: each one yields text or a specific BookLoadError; no crash, no hang.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BookLoadError, loadBookIsolated, type ParsedBook } from "../../src/loaders/index.js";
import { countLiveParseChildren } from "../../src/loaders/isolated/live-children.js";
import { CORPUS, TEST_LIMITS } from "./temp-dir.js";

// Categories documented in /work/shared/corpus/SOURCES.md, and what each must come out as.
const EXPECTED_KIND: Record<string, string> = {
  "issue6010_1.pdf": "encrypted",
  "issue6010_2.pdf": "encrypted",
  "issue3371.pdf": "encrypted",
  "pr6531_1.pdf": "encrypted",
  "saslprep-r6.pdf": "encrypted",
  "libreoffice-writer-password.pdf": "encrypted",
  "scan-bad.pdf": "no_text",
  "issue7229.pdf": "no_text",
  "idpf_haruko-html-jpeg.epub": "no_text",
  "ocf-zip-unreadable-no-end-header-fatal.epub": "corrupt",
  "ocf-zip-unreadable-image-with-epub-extension-fatal.epub": "corrupt",
  "ocf-container-not-ocf-error.epub": "corrupt",
  "ocf-zip-unreadable-empty-fatal.epub": "empty",
};
const MUST_HAVE_TEXT = [
  "hse-tex_linear-algebra.pdf",
  "hse-tex_discrete-math-02-lecture-notes.pdf",
  "hse-tex_mathematical-analysis.pdf",
  "hse-tex_probability-theory-colloquium-2.pdf",
  "freeculture.pdf",
  "tracemonkey.pdf",
  "GeoTopo-komprimiert.pdf",
  "issue9972-1.pdf", // encrypted with an empty user password: opens without one
  "TaeKim_RU.epub",
  "fb-intro-ru.epub",
  "idpf_moby-dick.epub",
  "se_ivan-turgenev_fathers-and-children_constance-garnett.epub",
];
const KNOWN_KINDS = new Set(["encrypted", "no_text", "corrupt", "empty", "too_large", "unsupported"]);
const CONCURRENCY = 2;

type Outcome = { file: string; book?: ParsedBook; error?: BookLoadError };

async function corpusFiles(): Promise<string[]> {
  const dirs = [`${CORPUS}/pdf`, `${CORPUS}/epub`, `${CORPUS}/epub/broken`];
  const listings = await Promise.all(
    dirs.map(async (dir) =>
      (await readdir(dir)).filter((name) => /\.(pdf|epub)$/i.test(name)).map((name) => join(dir, name)),
    ),
  );
  return listings.flat();
}

async function loadAll(files: string[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      try {
        outcomes.push({ file, book: await loadBookIsolated(file, TEST_LIMITS) });
      } catch (error) {
        if (!(error instanceof BookLoadError)) throw error; // a crash, not a verdict: fails the test
        outcomes.push({ file, error });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

describe("the shared corpus through loadBookIsolated", () => {
  it("gives text or a specific error for every file, as documented", { timeout: 240_000 }, async () => {
    const files = await corpusFiles();
    expect(files.length).toBeGreaterThanOrEqual(58);
    const outcomes = await loadAll(files);
    expect(outcomes).toHaveLength(files.length);
    const byName = new Map(outcomes.map((outcome) => [outcome.file.split("/").pop() ?? "", outcome]));

    for (const outcome of outcomes) {
      if (outcome.book) expect(outcome.book.sections.length, outcome.file).toBeGreaterThan(0);
      else expect(KNOWN_KINDS, `${outcome.file}: ${outcome.error?.message}`).toContain(outcome.error?.kind);
    }
    for (const [name, kind] of Object.entries(EXPECTED_KIND)) {
      expect(byName.get(name)?.error?.kind, name).toBe(kind);
    }
    for (const name of MUST_HAVE_TEXT) {
      const text =
        byName
          .get(name)
          ?.book?.sections.map((section) => section.text)
          .join("") ?? "";
      expect(text.length, name).toBeGreaterThan(1000);
    }
    expect(countLiveParseChildren()).toBe(0);
  });
});
