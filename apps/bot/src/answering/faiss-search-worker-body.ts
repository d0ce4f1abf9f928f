// The FAISS search thread: holds the index of the generation(s) being served and answers
// nearest-neighbour queries, so the main thread's event loop never waits on a search.
// The two most recently used generations stay loaded (old one for questions in flight).
import { join } from "node:path";
import { parentPort } from "node:worker_threads";
import { type FaissIndex, loadFaiss } from "@ai-library/faiss-native";
import type { SearchReply, WorkerRequest } from "./faiss-search-protocol.js";

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

parentPort?.on("message", (request: WorkerRequest) => {
  if (request.type === "prepare") {
    try {
      indexOf(request.dir);
    } catch {
      // the next search reports it
    }
    return;
  }
  let reply: SearchReply;
  try {
    const index = indexOf(request.dir);
    const k = Math.min(request.k, index.ntotal());
    const found = k > 0 ? index.search(Array.from(request.vector), k) : { labels: [], distances: [] };
    reply = { id: request.id, ok: true, labels: found.labels, distances: found.distances };
  } catch (error) {
    reply = { id: request.id, ok: false, error: (error as Error).message };
  }
  parentPort?.postMessage(reply);
});
