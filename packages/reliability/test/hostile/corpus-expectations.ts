// What the ingest must report for each book of ../shared/corpus, by the category its MANIFEST.json
// gives it (see SOURCES.md there): which outcomes count as right for that kind of file.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ExpectedOutcome } from "./hostile-books.js";

export const corpusRoot = join(import.meta.dirname, "..", "..", "..", "..", "..", "shared", "corpus");

interface ManifestEntry {
  path: string;
  category: string;
}

const BY_CATEGORY: Record<string, readonly ExpectedOutcome[]> = {
  "good-text": ["indexed"],
  layout: ["indexed"],
  rtl: ["indexed"],
  "robustness: obfuscated fonts": ["indexed"], // only the fonts are obfuscated, the text is plain
  "robustness: real-world non-conformant": ["indexed"],
  "bonus (FB2, out of scope)": ["indexed"],
  // A garbled text layer is recognised again by OCR (or kept as text with OCR off); refusing it
  // as no text is honest too.
  "robustness: broken text layer": ["indexed", "no_text"],
  "robustness: fixed layout": ["indexed", "no_text"],
  // Scans are recognised by OCR when Tesseract is installed; a scan of a near-blank page
  // (scan-bad.pdf reads "pdf.js" and nothing else) is still no text.
  "robustness: scanned": ["indexed", "no_text"],
  "robustness: image-only": ["indexed", "no_text"],
  "robustness: encrypted (password)": ["encrypted"],
  // An empty user password opens the file: then it is a book like any other.
  "robustness: encrypted (empty user pw)": ["indexed", "no_text"],
  "robustness: encrypted (empty user pw, permissions)": ["indexed"],
  "robustness: malformed": ["corrupt", "no_text", "empty"],
  "robustness: unsupported filter": ["indexed", "corrupt", "no_text", "unsupported"],
  "robustness: broken epub (fatal)": ["corrupt", "empty"],
  // Readable apart from an OCF rule they break: the text is worth indexing.
  "robustness: broken epub (error)": ["indexed", "corrupt"],
};

export interface CorpusBook {
  /** Path inside the corpus, e.g. pdf/tracemonkey.pdf. */
  path: string;
  category: string;
  expected: readonly ExpectedOutcome[];
}

/** Every book of the corpus (pdf/, epub/ with broken/, extra/), with the outcomes allowed for it. */
export function corpusBooks(): CorpusBook[] {
  const manifest = JSON.parse(readFileSync(join(corpusRoot, "MANIFEST.json"), "utf8")) as ManifestEntry[];
  return manifest
    .filter((entry) => /^(pdf|epub|extra)\//.test(entry.path))
    .map((entry) => {
      const expected = BY_CATEGORY[entry.category];
      if (!expected) throw new Error(`corpus category "${entry.category}" (${entry.path}) has no expectation here`);
      return { path: entry.path, category: entry.category, expected };
    });
}
