// How a source is named in an answer: the book's title, then the page (PDF) or the chapter
// (EPUB, FB2, Markdown headings). A book without either is cited by title alone.
import type { Passage } from "@ai-library/shared/retrieval";
import type { Texts } from "../i18n/index.js";
import { TITLE_BUDGET } from "./limits.js";

export function shorten(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1).trimEnd()}…`;
}

export function bookTitle(passage: Pick<Passage, "title" | "file">): string {
  return shorten(passage.title.trim() || passage.file, TITLE_BUDGET);
}

/** "с. 12", "с. 12–13" or "глава «…»"; undefined when the passage has neither. */
export function locationOf(passage: Pick<Passage, "page" | "pageEnd" | "chapter">, texts: Texts): string | undefined {
  if (passage.page !== undefined) return texts.page(passage.page, passage.pageEnd);
  if (passage.chapter?.trim()) return texts.chapter(shorten(passage.chapter, TITLE_BUDGET));
  return undefined;
}
