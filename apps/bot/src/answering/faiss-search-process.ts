// The FAISS search process: holds the index of the generation(s) being served and answers
// nearest-neighbour queries, so the bot's event loop never waits on a search. A process,
// not a worker thread, because the FAISS addon keeps per-process state that two threads of
// one process would share unsafely. The two most recently used generations stay loaded
// (the old one for questions in flight). It exits when the bot goes away.
import { join } from "node:path";
import { type FaissIndex, loadFaiss } from "@ai-library/faiss-native";
import type { SearchProcessReply, SearchProcessRequest } from "./faiss-search-protocol.js";

const KEEP = 2;
const indexes = new Map<string, FaissIndex>();

function indexOf(dir: string): FaissIndex {
  let index = indexes.get(dir);
  if (index) indexes.delete(dir);
  else index = loadFaiss().Index.read(join(dir, "index.faiss"));
  indexes.set(dir, index); // most recently used last
  for (const old of [...indexes.keys()].slice(0, Math.max(0, indexes.size - KEEP))) indexes.delete(old);
  return index;
}

function handle(request: SearchProcessRequest): SearchProcessReply | undefined {
  if (request.type === "prepare") {
    try {
      indexOf(request.dir);
    } catch {
      // the next search reports it
    }
    return undefined;
  }
  if (request.type === "memory") return { id: request.id, ok: true, rssBytes: process.memoryUsage().rss };
  try {
    const index = indexOf(request.dir);
    const k = Math.min(request.k, index.ntotal());
    const found = k > 0 ? index.search(request.vector, k) : { labels: [], distances: [] };
    return { id: request.id, ok: true, labels: found.labels, distances: found.distances };
  } catch (error) {
    return { id: request.id, ok: false, error: (error as Error).message };
  }
}

process.on("message", (request: SearchProcessRequest) => {
  const reply = handle(request);
  if (reply) process.send?.(reply);
});
process.on("disconnect", () => process.exit(0));
