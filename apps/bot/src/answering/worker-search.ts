// Question search with FAISS on its own thread: the main thread embeds the question and
// reads the citations from the docstore (both quick), the worker does the nearest-neighbour
// scan (tens of ms at 100k chunks). Same generation semantics as LiveLibrary.search: the
// generation is held for the whole search. If the thread fails, that search falls back to
// the main thread, so answers never depend on it.
import { Worker } from "node:worker_threads";
import type { Embedder } from "@ai-library/shared/embeddings";
import type { Logger } from "@ai-library/shared/logging";
import type { LiveLibrary, Passage } from "@ai-library/shared/retrieval";
import type { SearchReply, WorkerRequest } from "./faiss-search-protocol.js";

export interface WorkerSearch {
  search: LiveLibrary["search"];
  /** Loads a generation's index in the thread ahead of the first question. */
  prepare(dir: string): void;
  close(): Promise<void>;
}

export function createWorkerSearch(deps: { library: LiveLibrary; embedder: Embedder; logger: Logger }): WorkerSearch {
  const pending = new Map<number, (reply: SearchReply) => void>();
  let nextId = 1;
  let worker: Worker | undefined;

  const start = (): Worker => {
    const thread = new Worker(new URL("./faiss-search-worker.mjs", import.meta.url));
    thread.on("message", (reply: SearchReply) => {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    });
    thread.on("error", (error) =>
      deps.logger.error(`Поток поиска FAISS упал: ${error.message}; поиск идёт в основном потоке`),
    );
    thread.on("exit", () => {
      if (worker === thread) worker = undefined;
      for (const [id, settle] of pending) settle({ id, ok: false, error: "search thread exited" });
      pending.clear();
    });
    thread.unref();
    return thread;
  };
  const post = (request: WorkerRequest) => {
    worker ??= start();
    worker.postMessage(request);
  };

  const ask = (dir: string, vector: Float32Array, k: number) =>
    new Promise<SearchReply>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      post({ type: "search", id, dir, vector, k });
    });

  return {
    async search(question, k) {
      const vector = await deps.embedder.embedQuery(question);
      return deps.library.withGeneration(async (generation) => {
        const reply = await ask(generation.dir, vector, k);
        if (!reply.ok) {
          deps.logger.warn(`Поиск в потоке FAISS не удался (${reply.error}); ищу в основном потоке`);
          return { passages: generation.search(vector, k), generationId: generation.id };
        }
        const found = reply.labels.filter((label) => label >= 0);
        const chunks = generation.docstore.chunksByLabel(found);
        const passages: Passage[] = [];
        reply.labels.forEach((label, rank) => {
          const chunk = chunks.get(label);
          if (chunk) passages.push({ ...chunk, score: reply.distances[rank] ?? 0 });
        });
        return { passages, generationId: generation.id };
      });
    },
    prepare: (dir) => post({ type: "prepare", dir }),
    async close() {
      await worker?.terminate();
    },
  };
}
