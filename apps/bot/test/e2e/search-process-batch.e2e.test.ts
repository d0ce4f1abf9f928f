// The real search process answers questions that arrive together in one round (their FAISS
// scans in one call): every reply must be exactly what the bot's own in-process search gives
// for that question, not a neighbour's, and none may fall back to the bot's thread. A search
// the bot has stopped waiting for is skipped, and the ones behind it are still answered.
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Chunk } from "@ai-library/shared/chunking";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { openIndexStore } from "@ai-library/shared/index";
import { createLogger, type Logger } from "@ai-library/shared/logging";
import { createLiveLibrary, DEFAULT_RETRIEVAL_SETTINGS } from "@ai-library/shared/retrieval";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchProcessReply, SearchRequest } from "../../src/answering/faiss-search-protocol.js";
import { type Searching, searchInSearchProcess } from "../../src/app/search-in-search-process.js";

const WORDS = (
  "маяк смотритель лампа остров шторм корабль гавань берег туман фонарь пчела улей мёд сад камень " +
  "песок дорожка монах lighthouse keeper storm harbour garden stone bee hive honey river bridge"
).split(" ");

/** `count` chunks of 40 words each, deterministic, so each question has its own best chunks. */
function chunkTexts(count: number): string[] {
  let state = 11;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  return Array.from(
    { length: count },
    (_, row) => `${Array.from({ length: 40 }, () => WORDS[next() % WORDS.length]).join(" ")} глава ${row}`,
  );
}

const embedder = createLocalHashedEmbedder({ dims: 384 });
const warnings: string[] = [];
let logger: Logger;
let root: string;
let processSearch: Searching;
let library: ReturnType<typeof createLiveLibrary>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "search-batch-"));
  logger = createLogger({ service: "bot", level: "info", dir: join(root, "logs") });
  // A search that fell back to the bot's thread is logged as a warning by the search client.
  logger.on("data", (info: { level: string; message: unknown }) => {
    if (info.level === "warn" || info.level === "error") warnings.push(String(info.message));
  });
  const store = openIndexStore(join(root, "index"));
  const texts = chunkTexts(600);
  const vectors = await embedder.embedDocuments(texts);
  await store.publish(
    {
      embedder: embedder.identity,
      chunking: { version: "test", chunkSize: 1000, chunkOverlap: 0 },
      indexFactory: "Flat",
    },
    async (builder) => {
      for (let first = 0; first < texts.length; first += 100) {
        const bookId = String(first).padStart(64, "0");
        const chunks: Chunk[] = texts
          .slice(first, first + 100)
          .map((text, position) => ({ bookId, title: `Книга ${first}`, file: `${first}.txt`, position, text }));
        builder.addBook(
          { bookId, file: `${first}.txt`, title: `Книга ${first}`, format: "txt" },
          chunks,
          vectors.slice(first, first + 100),
        );
      }
    },
  );
  library = createLiveLibrary({ store, embedder, logger });
  await library.reloadIfChanged();
  processSearch = searchInSearchProcess({
    store,
    embedder,
    logger,
    settings: { ...DEFAULT_RETRIEVAL_SETTINGS },
    searchTimeoutMs: 60_000,
    execArgv: ["--import", "tsx"],
  });
  await processSearch.library.reloadIfChanged();
});

afterAll(() => {
  processSearch?.close();
  library?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("search process, questions arriving together", () => {
  it("answers each of 30 simultaneous questions exactly as a search of its own would", async () => {
    const questions = Array.from({ length: 30 }, (_, at) => {
      const word = (shift: number) => WORDS[(at * 7 + shift) % WORDS.length];
      return `${word(0)} ${word(3)} ${word(5)} глава ${at * 19}`;
    });
    // All sent in one turn: the search process receives them while it is busy with the first.
    const together = await Promise.all(questions.map((question, at) => processSearch.search(question, 3 + (at % 4))));
    const alone = await Promise.all(questions.map((question, at) => library.search(question, 3 + (at % 4))));

    expect(warnings).toEqual([]);
    // Same passages in the same order; scores agree to float rounding (a batched BLAS product
    // sums in another order than a single one).
    const withoutScores = (results: typeof together) =>
      results.map((result) => result.passages.map(({ score: _score, ...passage }) => passage));
    expect(withoutScores(together)).toEqual(withoutScores(alone));
    together.forEach((result, at) => {
      result.passages.forEach((passage, rank) => {
        expect(passage.score).toBeCloseTo(alone[at]?.passages[rank]?.score ?? Number.NaN, 5);
      });
    });
    // Not a vacuous match: the questions found different passages.
    const firsts = new Set(together.map((result) => result.passages[0]?.text));
    expect(firsts.size).toBeGreaterThan(20);
  });

  it("skips searches the bot no longer waits for and answers the one queued between them", async () => {
    const dir = library.current()?.dir ?? "";
    const child = fork(new URL("../../src/answering/faiss-search-process.ts", import.meta.url), [], {
      execArgv: ["--import", "tsx"],
    });
    const replies = new Map<number, SearchProcessReply>();
    const allThree = new Promise<void>((resolve) =>
      child.on("message", (reply: SearchProcessReply) => {
        replies.set(reply.id, reply);
        if (replies.size === 3) resolve();
      }),
    );
    const question = "смотритель маяка и лампа";
    const queryVector = await embedder.embedQuery(question);
    const search = (id: number, waitMs: number): SearchRequest => ({
      type: "search",
      id,
      dir,
      text: question,
      vector: Array.from(queryVector),
      k: 3,
      settings: { ...DEFAULT_RETRIEVAL_SETTINGS },
      waitMs,
    });
    try {
      // The bot gave up on 1 and 3 at once (a wait of 0); it still waits for 2.
      child.send(search(1, 0));
      child.send(search(2, 60_000));
      child.send(search(3, 0));
      await allThree;
    } finally {
      child.disconnect();
    }
    expect(replies.get(1)).toEqual({ id: 1, ok: false, error: expect.stringContaining("перестал ждать") });
    expect(replies.get(3)).toEqual({ id: 3, ok: false, error: expect.stringContaining("перестал ждать") });
    const answered = replies.get(2);
    expect(answered?.ok && "passages" in answered ? answered.passages : []).toEqual(
      (await library.search(question, 3)).passages.map((passage) => ({ ...passage, score: expect.any(Number) })),
    );
  });
});
