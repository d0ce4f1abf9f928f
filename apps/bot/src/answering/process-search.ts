// Question search with the FAISS scan in a separate process: the bot embeds the question,
// the search process finds the nearest chunks (tens of ms at 100k chunks), and the rest of
// the hybrid search — keyword candidates, fusion, passages — runs in the bot through the
// shared passagesFromVectorHits, so answers match LiveLibrary.search exactly. The generation
// is held for the whole search. If the search process fails, that scan runs in the bot.
import { type ChildProcess, fork } from "node:child_process";
import type { Embedder } from "@ai-library/shared/embeddings";
import type { ScoredLabel } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import {
  type LiveLibrary,
  listsInUse,
  passagesFromVectorHits,
  type RetrievalSettings,
} from "@ai-library/shared/retrieval";
import type { SearchProcessReply, SearchProcessRequest } from "./faiss-search-protocol.js";

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
}

export function createProcessSearch(deps: ProcessSearchDeps): ProcessSearch {
  const pending = new Map<number, (reply: SearchProcessReply) => void>();
  let nextId = 1;
  let child: ChildProcess | undefined;

  const start = (): ChildProcess => {
    // Inherits the bot's execArgv, i.e. the tsx loader that runs TypeScript.
    const process = fork(new URL("./faiss-search-process.ts", import.meta.url), [], { stdio: "inherit" });
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
  /** A reply, or a failure after `timeoutMs` (a hung search process must not hang answers). */
  const call = (build: (id: number) => SearchProcessRequest, timeoutMs = 10_000) =>
    new Promise<SearchProcessReply>((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ id, ok: false, error: `no reply within ${timeoutMs} ms` });
      }, timeoutMs);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      request(build(id));
    });

  const nearestRemote = async (dir: string, vector: Float32Array, k: number): Promise<ScoredLabel[]> => {
    const reply = await call((id) => ({ type: "search", id, dir, vector: Array.from(vector), k }));
    if (!reply.ok) throw new Error(reply.error);
    if (!("labels" in reply)) throw new Error("unexpected reply from the search process");
    const hits: ScoredLabel[] = [];
    reply.labels.forEach((label, rank) => {
      if (label >= 0) hits.push({ label, score: reply.distances[rank] ?? 0 });
    });
    return hits;
  };

  return {
    async search(question, k) {
      const vector = await deps.embedder.embedQuery(question);
      return deps.library.withGeneration(async (generation) => {
        let hits: ScoredLabel[] = [];
        if (listsInUse(generation, deps.settings).vector) {
          try {
            hits = await nearestRemote(generation.dir, vector, deps.settings.vectorCandidates);
          } catch (error) {
            deps.logger.warn(`Поиск в процессе FAISS не удался (${(error as Error).message}); ищу в боте`);
            hits = generation.vectorCandidates(vector, deps.settings.vectorCandidates);
          }
        }
        const query = { text: question, vector };
        return {
          passages: passagesFromVectorHits(generation, query, hits, k, deps.settings),
          generationId: generation.id,
        };
      });
    },
    prepare: (dir) => request({ type: "prepare", dir }),
    async rssBytes() {
      if (!child) return undefined;
      const reply = await call((id) => ({ type: "memory", id }), 2000);
      return reply.ok && "rssBytes" in reply ? reply.rssBytes : undefined;
    },
    close() {
      child?.disconnect();
    },
  };
}
