// Question search in a separate process: the bot embeds the question (well under a
// millisecond offline) and the search process runs the whole hybrid search — keyword
// candidates, FAISS scan, fusion, passages — with the same shared searchGeneration as
// LiveLibrary.search, so answers match exactly while the bot's event loop stays free. The
// generation is held for the whole search. If the search process fails (exits, errors), the
// search runs in the bot; one that waited past the answer timeout fails as a timeout instead
// (`pnpm bench bot`: with a 10 s fallback, an overloaded queue moved 256 of 480 searches into
// the bot and its event-loop lag p99 to 96 ms).
import { type ChildProcess, fork } from "node:child_process";
import type { Embedder } from "@ai-library/shared/embeddings";
import type { Logger } from "@ai-library/shared/logging";
import {
  type LiveLibrary,
  type Passage,
  type RetrievalSettings,
  type SearchContext,
  type SearchQuery,
  searchGeneration,
  searchQueryOf,
  textToEmbed,
} from "@ai-library/shared/retrieval";
import type { SearchProcessReply, SearchProcessRequest } from "./faiss-search-protocol.js";

/** The search process did not answer within the answer timeout (overloaded or hung). */
export class SearchProcessTimeoutError extends Error {
  override name = "SearchProcessTimeoutError";
}

export interface ProcessSearch {
  search: LiveLibrary["search"];
  /** Loads a generation's index in the search process ahead of the first question. */
  prepare(dir: string): void;
  /** RSS of the search process, if it runs. */
  rssBytes(): Promise<number | undefined>;
  close(): void;
}

export interface ProcessSearchDeps {
  library: LiveLibrary;
  embedder: Embedder;
  logger: Logger;
  settings: RetrievalSettings;
  /**
   * How long a search may wait for the search process (its queue included): the answer timeout.
   * A search that waited this long is not repeated in the bot: under load the queue is long, and
   * running the search in the bot would stall every chat exactly then.
   */
  searchTimeoutMs: number;
  /**
   * Node options of the search process. Default: the bot's own, which carry the TypeScript
   * loader it was started with (`node --import tsx`); a test runner's process has none.
   */
  execArgv?: readonly string[];
}

export function createProcessSearch(deps: ProcessSearchDeps): ProcessSearch {
  const pending = new Map<number, (reply: SearchProcessReply) => void>();
  let nextId = 1;
  let child: ChildProcess | undefined;

  const start = (): ChildProcess => {
    // Inherits the bot's execArgv, i.e. the tsx loader that runs TypeScript.
    // --expose-gc: the search process frees a retired generation's FAISS memory at once.
    // FAISS runs single-threaded there as everywhere (faiss-native/src/faiss_threads.h).
    const process = fork(new URL("./faiss-search-process.ts", import.meta.url), [], {
      stdio: "inherit",
      execArgv: [...(deps.execArgv ?? globalThis.process.execArgv), "--expose-gc"],
    });
    process.on("message", (reply: SearchProcessReply) => {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    });
    process.on("exit", (code, signal) => {
      if (child === process) child = undefined;
      if (code !== 0)
        deps.logger.error(
          `Процесс поиска FAISS завершился (${signal ?? code}); поиск идёт в боте, процесс будет перезапущен`,
        );
      for (const [id, settle] of pending) settle({ id, ok: false, error: "search process exited" });
      pending.clear();
    });
    return process;
  };
  const request = (message: SearchProcessRequest) => {
    child ??= start();
    child.send(message);
  };
  /** A reply, or SearchProcessTimeoutError after `timeoutMs` (a hung search process must not hang answers). */
  const call = (build: (id: number) => SearchProcessRequest, timeoutMs = 10_000) =>
    new Promise<SearchProcessReply>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new SearchProcessTimeoutError(`no reply from the search process within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      request(build(id));
    });

  const remotePassages = async (
    dir: string,
    query: SearchQuery,
    k: number,
    context: SearchContext | undefined,
  ): Promise<Passage[]> => {
    const reply = await call(
      (id) => ({
        type: "search",
        id,
        dir,
        text: query.text,
        vector: Array.from(query.vector),
        k,
        ...(context ? { context } : {}),
        settings: deps.settings,
        waitMs: deps.searchTimeoutMs,
      }),
      deps.searchTimeoutMs,
    );
    if (!reply.ok) throw new Error(reply.error);
    if (!("passages" in reply)) throw new Error("unexpected reply from the search process");
    return reply.passages;
  };

  return {
    async search(question, k, options = {}) {
      const vector = await deps.embedder.embedQuery(textToEmbed(question, options));
      return deps.library.withGeneration(async (generation) => {
        const query = searchQueryOf(question, vector, options);
        try {
          return {
            passages: await remotePassages(generation.dir, query, k, options.context),
            generationId: generation.id,
          };
        } catch (error) {
          if (error instanceof SearchProcessTimeoutError) throw error;
          deps.logger.warn(`Поиск в процессе поиска не удался (${(error as Error).message}); ищу в боте`);
          return { passages: searchGeneration(generation, query, k, deps.settings), generationId: generation.id };
        }
      });
    },
    prepare: (dir) => request({ type: "prepare", dir }),
    async rssBytes() {
      if (!child) return undefined;
      const reply = await call((id) => ({ type: "memory", id }), 2000).catch(() => undefined);
      return reply?.ok && "rssBytes" in reply ? reply.rssBytes : undefined;
    },
    close() {
      child?.disconnect();
    },
  };
}
