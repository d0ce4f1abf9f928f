// The books of the evaluation library, from the shared read-only corpus (see
// ../shared/corpus/SOURCES.md): the XQuAD files and real long books. The long books are both
// distractors for XQuAD and the subject of our own long-book question set.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/** Books our long-book questions are about (kept in the quick run too). */
export const LONG_BOOKS = [
  "pdf/hse-tex_linear-algebra.pdf",
  "pdf/hse-tex_discrete-math-02-lecture-notes.pdf",
  "pdf/hse-tex_mathematical-analysis.pdf",
  "pdf/hse-tex_probability-theory-colloquium-2.pdf",
  "epub/idpf_moby-dick.epub",
  "epub/se_arthur-conan-doyle_the-adventures-of-sherlock-holmes.epub",
  "pdf/freeculture.pdf",
] as const;

/** Further real books that only compete with the right passages (full run). */
export const EXTRA_DISTRACTORS = [
  "epub/se_ivan-turgenev_fathers-and-children_constance-garnett.epub",
  "epub/se_ambrose-bierce_the-devils-dictionary.epub",
  "epub/TaeKim_RU.epub",
  "epub/idpf_childrens-literature.epub",
  "pdf/tracemonkey.pdf",
  "pdf/TAMReview.pdf",
  "pdf/GeoTopo-komprimiert.pdf",
] as const;

export const XQUAD_LANGUAGES = ["en", "ru"] as const;
export type EvalLanguage = (typeof XQUAD_LANGUAGES)[number];

export function xquadPath(corpus: string, lang: EvalLanguage): string {
  return join(corpus, "qa", "xquad", `xquad.${lang}.json`);
}

/** The corpus folder: an explicit path, else ../shared/corpus beside the repository. */
export function resolveCorpus(explicit: string | undefined, repoRoot: string): string {
  const corpus = resolve(explicit ?? join(repoRoot, "..", "shared", "corpus"));
  if (!existsSync(xquadPath(corpus, "en"))) {
    throw new Error(
      `No evaluation corpus at ${corpus} (qa/xquad/xquad.en.json is missing). Pass --corpus <dir> pointing at shared/corpus.`,
    );
  }
  return corpus;
}
