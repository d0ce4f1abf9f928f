// With BOT_SEARCH_PROCESS the index is loaded once, in the search process: the bot's live library
// keeps only the served generation's manifest (what /status, /books and /about show) and has no
// file of it open, while the real search process holds its docstore. When the search process
// dies mid-search, the bot answers from a copy it opens for the fallback, and closes that copy
// again once the restarted search process answers; when it dies while opening a new generation,
// the bot checks the generation itself, serves it, and drops its copy the same way.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Chunk } from "@ai-library/shared/chunking";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { type IndexStore, openIndexStore } from "@ai-library/shared/index";
import { createLogger, type Logger } from "@ai-library/shared/logging";
import { DEFAULT_RETRIEVAL_SETTINGS } from "@ai-library/shared/retrieval";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Searching, searchInSearchProcess } from "../../src/app/search-in-search-process.js";

const embedder = createLocalHashedEmbedder({ dims: 384 });
const QUESTION = "смотритель маяка зажигал лампу";
let root: string;
let store: IndexStore;
let logger: Logger;
const logLines: string[] = [];
let searching: Searching;

/** Publishes a generation of two books (`extra` adds a third) and returns its id. */
async function publishLibrary(extra = false): Promise<string> {
  const books = [
    { title: "Маяк", text: "Смотритель маяка каждый вечер зажигал лампу и смотрел на шторм над гаванью." },
    { title: "Сад", text: "В саду камней пятнадцать камней лежат на белом песке у старого монастыря." },
    ...(extra ? [{ title: "Пчёлы", text: "Пчёлы несут мёд в улей, а пасечник вынимает рамки медогонкой." }] : []),
  ];
  const manifest = await store.publish(
    {
      embedder: embedder.identity,
      chunking: { version: "test", chunkSize: 1000, chunkOverlap: 0 },
      indexFactory: "Flat",
    },
    async (builder) => {
      for (const [at, book] of books.entries()) {
        const bookId = String(at + 1).padStart(64, "0");
        const texts = Array.from({ length: 20 }, (_, part) => `${book.text} Часть ${part}.`);
        const chunks: Chunk[] = texts.map((text, position) => ({
          bookId,
          title: book.title,
          file: `${at}.txt`,
          position,
          text,
        }));
        builder.addBook(
          { bookId, file: `${at}.txt`, title: book.title, format: "txt" },
          chunks,
          await embedder.embedDocuments(texts),
        );
      }
    },
  );
  return manifest.id;
}

/** Files under `dir` that process `pid` has open. */
function openFilesUnder(pid: number | "self", dir: string): string[] {
  const fds = `/proc/${pid}/fd`;
  return readdirSync(fds).flatMap((fd) => {
    try {
      const target = readlinkSync(join(fds, fd));
      return target.startsWith(dir) ? [target] : [];
    } catch {
      return []; // closed meanwhile
    }
  });
}

/** The search process this test's process forked (pgrep by script name), if one runs. */
function searchProcessPid(): number | undefined {
  try {
    const found = execFileSync("pgrep", ["-P", String(process.pid), "-f", "faiss-search-process"], {
      encoding: "utf8",
    });
    return Number(found.trim().split("\n")[0]) || undefined;
  } catch {
    return undefined; // pgrep exits 1 when nothing matches
  }
}

async function until(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Stops the search process, lets `start` send it a request (it stays unread), then kills it:
 * the request is in flight when the process dies, whatever the machine's speed.
 */
async function killWithRequestInFlight<T>(start: () => Promise<T>): Promise<T> {
  const pid = searchProcessPid();
  if (!pid) throw new Error("no search process runs");
  process.kill(pid, "SIGSTOP");
  const pending = start();
  await new Promise((resolve) => setImmediate(resolve)); // the request is sent within this turn's microtasks
  process.kill(pid, "SIGKILL");
  const result = await pending;
  await until("the killed search process to be gone", () => searchProcessPid() !== pid);
  return result;
}

beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "search-owns-index-")));
  logger = createLogger({ service: "bot", level: "info", dir: join(root, "logs") });
  logger.on("data", (info: { level: string; message: unknown }) => logLines.push(`${info.level} ${info.message}`));
  store = openIndexStore(join(root, "index"));
  await publishLibrary();
  searching = searchInSearchProcess({
    store,
    embedder,
    logger,
    settings: { ...DEFAULT_RETRIEVAL_SETTINGS },
    searchTimeoutMs: 60_000,
    execArgv: ["--import", "tsx"],
  });
  expect(await searching.library.reloadIfChanged()).toMatchObject({ status: "loaded" });
});

afterAll(() => {
  searching?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("one load per generation, in the search process", () => {
  it("keeps only the manifest in the bot: no index file open there, the docstore open in the search process", async () => {
    const served = searching.library.current();
    const dir = served?.dir ?? "";
    expect(served?.manifest.books.map((book) => book.title).sort()).toEqual(["Маяк", "Сад"]);
    expect(served?.manifest.chunkCount).toBe(40);
    // A light handle: nothing to search with in the bot.
    expect(served && "docstore" in served).toBe(false);
    expect(served && "search" in served).toBe(false);

    const { passages } = await searching.search(QUESTION, 3);
    expect(passages[0]?.title).toBe("Маяк");
    expect(searching.fallbackCopies()).toEqual([]);
    expect(openFilesUnder("self", dir)).toEqual([]);
    const searchPid = searchProcessPid();
    expect(searchPid).toBeGreaterThan(0);
    expect(openFilesUnder(searchPid ?? 0, dir)).toContain(join(dir, "docstore.bin"));
  });

  it("answers from a fallback copy when the search process dies mid-search, and drops the copy once it is back", async () => {
    const dir = searching.library.current()?.dir ?? "";
    const before = await searching.search(QUESTION, 3);
    const during = await killWithRequestInFlight(() => searching.search(QUESTION, 3));
    expect(logLines.some((line) => line.includes("Процесс поиска FAISS завершился (SIGKILL)"))).toBe(true);
    expect(logLines.some((line) => line.startsWith("warn") && line.includes("ищу в боте"))).toBe(true);
    // Same passages as the search process gave (scores to float rounding: another BLAS call).
    const withoutScores = (found: typeof before) => found.passages.map(({ score: _score, ...passage }) => passage);
    expect(withoutScores(during)).toEqual(withoutScores(before));
    expect(searching.fallbackCopies()).toEqual([dir]);
    expect(openFilesUnder("self", dir)).toContain(join(dir, "docstore.bin"));

    // The next search restarts the search process; its answer makes the bot's copy unneeded.
    const after = await searching.search(QUESTION, 3);
    expect(withoutScores(after)).toEqual(withoutScores(before));
    expect(searching.fallbackCopies()).toEqual([]);
    await until("the bot to close its copy", () => openFilesUnder("self", dir).length === 0);
  }, 120_000); // restarts the search process (tsx and its modules) on a shared 2-core machine

  it("serves a new generation the search process died opening, checked by the bot, and drops the bot's copy later", async () => {
    const previous = searching.library.current()?.dir ?? "";
    const newId = await publishLibrary(true);
    const outcome = await killWithRequestInFlight(() => searching.library.reloadIfChanged());
    expect(outcome).toMatchObject({ status: "loaded", id: newId });
    expect(logLines.some((line) => line.includes(`Процесс поиска не открыл поколение ${newId}`))).toBe(true);
    const served = searching.library.current();
    expect(served?.manifest.books).toHaveLength(3);
    expect(searching.fallbackCopies()).toEqual([served?.dir]);

    const { passages, generationId } = await searching.search("пасечник вынимает рамки медогонкой", 3);
    expect(generationId).toBe(newId);
    expect(passages[0]?.title).toBe("Пчёлы");
    expect(searching.fallbackCopies()).toEqual([]);
    await until("the bot to close its copy", () => openFilesUnder("self", served?.dir ?? "").length === 0);
    expect(openFilesUnder("self", previous)).toEqual([]);
  }, 120_000);
});
