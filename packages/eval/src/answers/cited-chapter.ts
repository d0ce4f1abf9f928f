// Chapter correctness: the cited source that holds the gold passage (the citation a reader
// follows for the fact) must name the gold table-of-contents entry, as the citation shows it
// (`section ?? chapter`; for a PDF, the outline entry in `section`). A gold passage the answer
// does not cite counts as wrong. The first cited source of the book is reported beside it. Titles are compared without numbering ("4.9.2.",
// "Chapter 1.", "III."), case, ё, quotes, dash kinds and trailing punctuation.
import type { Passage } from "@ai-library/shared/retrieval";
import { comparableWords, isHit } from "../measure/passage-hit.js";

export function normaliseChapterTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[«»“”„"'‘’`]/g, "")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .replace(
      /^(?:(?:chapter|глава|part|часть|section|раздел|lecture|лекция)\s+)?(?:[0-9a-z]\.)?[0-9]+(?:\.[0-9]+)*\.?\s+/u,
      "",
    )
    .replace(/^[ivxlc]+\.\s+/u, "")
    .replace(/^›\s*/u, "")
    .replace(/[.:;,\s]+$/u, "");
}

/** The TOC entry the citation of this passage names. */
export function citedTitle(source: Pick<Passage, "file" | "chapter" | "section">): string | undefined {
  return source.file.toLowerCase().endsWith(".pdf") ? source.section : (source.section ?? source.chapter);
}

/** The first cited source from the question's book, if the answer cites that book at all. */
export function firstSourceOfBook<T extends Pick<Passage, "file">>(sources: readonly T[], file: string): T | undefined {
  return sources.find((source) => source.file === file);
}

export function namesChapter(cited: string | undefined, gold: string): boolean {
  return cited !== undefined && normaliseChapterTitle(cited) === normaliseChapterTitle(gold);
}

/** The cited source of the question's book that holds the gold passage, if the answer cites it. */
export function goldSourceOf<T extends Passage>(sources: readonly T[], file: string, passage: string): T | undefined {
  const expected = comparableWords(passage);
  return sources.find((source) => isHit(source, file, expected));
}
