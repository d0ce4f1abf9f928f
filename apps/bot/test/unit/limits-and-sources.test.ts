// Per-user limits and the passages behind quote buttons: a user over the limit is told once,
// not once per message; a button (quote, «Подробнее», «Ещё») opens only for the user who asked,
// and old ones expire.
import type { Passage } from "@ai-library/shared/retrieval";
import { describe, expect, it } from "vitest";
import { alreadyShown, createIssuedPages } from "../../src/answering/issued-pages.js";
import { createIssuedSources, expandCallbackOf } from "../../src/answering/issued-sources.js";
import { createNoticeThrottle, createQuestionRateLimiter } from "../../src/limits/question-rate-limiter.js";

const passage: Passage = { bookId: "b", title: "Маяк", file: "m.pdf", position: 0, text: "Огонь.", score: 1, page: 2 };

describe("question rate limiter", () => {
  it("allows N questions a minute per user, then tells the user once how long to wait", async () => {
    const limiter = createQuestionRateLimiter(3);
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await limiter.take(42));
    expect(decisions.slice(0, 3).every((decision) => decision.allowed)).toBe(true);
    expect(decisions.slice(3).map((decision) => (decision.allowed ? "allowed" : decision.tellUser))).toEqual([
      true,
      false,
      false,
    ]);
    const refused = decisions[3];
    expect(refused?.allowed === false && refused.retryInSeconds).toBeGreaterThan(50);
    expect((await limiter.take(43)).allowed).toBe(true);
  });

  it("lets one notice per user through per interval", async () => {
    const mayNotify = createNoticeThrottle(60);
    expect([await mayNotify(1), await mayNotify(1), await mayNotify(2)]).toEqual([true, false, true]);
  });
});

describe("issued sources", () => {
  it("issues short callback data that only the asking user can open", () => {
    const sources = createIssuedSources();
    const [data] = sources.issue(7, [passage]);
    expect(Buffer.byteLength(data ?? "")).toBeLessThanOrEqual(64);
    expect(sources.lookup(data ?? "", 7)).toMatchObject({ status: "ok", source: { index: 1, passage } });
    expect(sources.lookup(data ?? "", 8)).toEqual({ status: "not_yours" });
    expect(sources.lookup("src:unknown", 7)).toEqual({ status: "expired" });
  });

  it("forgets the oldest entries beyond its bound and expires entries after their TTL", async () => {
    const bounded = createIssuedSources({ max: 2 });
    const [first] = bounded.issue(1, [passage]);
    bounded.issue(1, [passage, passage]);
    expect(bounded.size).toBe(2);
    expect(bounded.lookup(first ?? "", 1)).toEqual({ status: "expired" });
    const shortLived = createIssuedSources({ ttlMs: 30 });
    const [data] = shortLived.issue(1, [passage]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(shortLived.lookup(data ?? "", 1)).toEqual({ status: "expired" });
  });
});

describe("«Ещё» pages", () => {
  it("are bound to the asker and expire with the conversation memory", async () => {
    const pages = createIssuedPages({ ttlMs: 40 });
    const data = pages.issue({ userId: 7, question: "Кто зажигал огонь?", shown: [passage], page: 0 });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(pages.lookup(data, 7)).toMatchObject({ status: "ok", pages: { question: "Кто зажигал огонь?" } });
    expect(pages.lookup(data, 8)).toEqual({ status: "not_yours" });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(pages.lookup(data, 7)).toEqual({ status: "expired" });
  });

  it("skip a passage already shown even when a wider search joins it to its neighbour", () => {
    const shown = [{ bookId: "b", text: "Смотритель Игнат каждый вечер зажигал огонь маяка на мысе Гром." }];
    const joined = { bookId: "b", text: `Зимой шторма ломали лёд. ${shown[0]?.text}` };
    expect(alreadyShown(joined, shown)).toBe(true);
    expect(alreadyShown({ bookId: "other", text: joined.text }, shown)).toBe(false);
    expect(alreadyShown({ bookId: "b", text: "Пётр чистил линзы маяка мягкой тканью." }, shown)).toBe(false);
  });

  it("a «Подробнее» button opens the same issued source as its quote button", () => {
    const sources = createIssuedSources();
    const [data] = sources.issue(7, [passage]);
    const expand = expandCallbackOf(data ?? "");
    expect(expand).toMatch(/^exp:/);
    expect(sources.lookup(expand, 7)).toMatchObject({ status: "ok", source: { passage } });
    expect(sources.lookup(expand, 8)).toEqual({ status: "not_yours" });
  });
});
