// The passages behind "quote" buttons. Callback data must fit in 64 bytes, so a button
// carries only a short random id; the passage stays here, bound to the user it was shown to,
// in a bounded map whose old entries expire (the user is then told to ask again).
import { randomBytes } from "node:crypto";
import type { Passage } from "@ai-library/shared/retrieval";
import { LRUCache } from "lru-cache";

export const SOURCE_CALLBACK_PREFIX = "src:";
/** «Подробнее [n]»: the same issued source, expanded to the section around it. */
export const EXPAND_CALLBACK_PREFIX = "exp:";

/** The «Подробнее» callback data of the source a quote button (`src:…`) was issued for. */
export const expandCallbackOf = (sourceCallback: string): string =>
  EXPAND_CALLBACK_PREFIX + sourceCallback.slice(SOURCE_CALLBACK_PREFIX.length);

export interface IssuedSource {
  userId: number;
  /** 1-based number of the source in its answer. */
  index: number;
  passage: Passage;
}

export type SourceLookup = { status: "ok"; source: IssuedSource } | { status: "expired" } | { status: "not_yours" };

export interface IssuedSources {
  /** Returns one callback data string (`src:…`) per passage, in order. */
  issue(userId: number, passages: Passage[]): string[];
  /** The source of a quote (`src:…`) or «Подробнее» (`exp:…`) button. */
  lookup(callbackData: string, userId: number): SourceLookup;
  readonly size: number;
}

export function createIssuedSources(options: { max?: number; ttlMs?: number } = {}): IssuedSources {
  const cache = new LRUCache<string, IssuedSource>({
    max: options.max ?? 5000,
    ttl: options.ttlMs ?? 24 * 60 * 60 * 1000,
  });
  return {
    issue(userId, passages) {
      return passages.map((passage, position) => {
        const id = randomBytes(6).toString("base64url");
        cache.set(id, { userId, index: position + 1, passage });
        return `${SOURCE_CALLBACK_PREFIX}${id}`;
      });
    },
    lookup(callbackData, userId) {
      const source = cache.get(callbackData.slice(callbackData.indexOf(":") + 1));
      if (!source) return { status: "expired" };
      if (source.userId !== userId) return { status: "not_yours" };
      return { status: "ok", source };
    },
    get size() {
      return cache.size;
    },
  };
}
