// The «Ещё» / "More" button under an answer: the next passages for the same question. The button
// carries a short random id; the question, the follow-up context it was searched with and the
// passages already shown stay here, bound to the user who asked, and expire with the
// conversation memory (CONVERSATION_TTL_MINUTES).
import { randomBytes } from "node:crypto";
import type { Passage } from "@ai-library/shared/retrieval";
import { LRUCache } from "lru-cache";
import type { FollowUp } from "../conversation/follow-up.js";

export const MORE_CALLBACK_PREFIX = "more:";

/** Pages of passages offered after the first answer: past them, relevance has run out in practice. */
export const MAX_MORE_PAGES = 4;

export interface QuestionPages {
  userId: number;
  question: string;
  followUp?: FollowUp;
  /** The LLM's standalone rewrite of a follow-up, searched instead of `question`. */
  rewritten?: string;
  /** Every passage shown so far for this question (its book and text, to skip them on the next page). */
  shown: Pick<Passage, "bookId" | "text">[];
  /** Pages shown after the first answer. */
  page: number;
}

export type PagesLookup = { status: "ok"; pages: QuestionPages } | { status: "expired" } | { status: "not_yours" };

export interface IssuedPages {
  issue(pages: QuestionPages): string;
  lookup(callbackData: string, userId: number): PagesLookup;
}

/** How much of a passage's start identifies it when a wider search joins it to a neighbour. */
const HEAD_CHARS = 120;

/**
 * Whether `passage` repeats one already shown. A search for more passages may join a shown
 * passage to its neighbour, so the texts are compared by containment, not equality.
 */
export function alreadyShown(passage: Pick<Passage, "bookId" | "text">, shown: QuestionPages["shown"]): boolean {
  const head = (text: string) => text.slice(0, HEAD_CHARS);
  return shown.some(
    (seen) =>
      seen.bookId === passage.bookId &&
      (passage.text.includes(head(seen.text)) || seen.text.includes(head(passage.text))),
  );
}

export function createIssuedPages(options: { ttlMs: number; max?: number }): IssuedPages {
  const cache = new LRUCache<string, QuestionPages>({ max: options.max ?? 1000, ttl: options.ttlMs });
  return {
    issue(pages) {
      const id = randomBytes(6).toString("base64url");
      cache.set(id, pages);
      return `${MORE_CALLBACK_PREFIX}${id}`;
    },
    lookup(callbackData, userId) {
      const pages = cache.get(callbackData.slice(MORE_CALLBACK_PREFIX.length));
      if (!pages) return { status: "expired" };
      if (pages.userId !== userId) return { status: "not_yours" };
      return { status: "ok", pages };
    },
  };
}
