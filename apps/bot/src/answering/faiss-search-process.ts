// The search process: holds the generations the bot serves (FAISS index and docstore) — the only
// copy, the bot keeps just their manifests — and runs each question's whole search: keyword
// (BM25) candidates, the FAISS scan, fusion, passages, so the bot's event loop never waits on
// it. Both halves are synchronous and grow with the library; only the embedding of the question
// stays in the bot. A process, not a worker thread, because the FAISS addon keeps per-process
// state that two threads of one process would share unsafely.
// The bot asks it to open a generation before serving it (open: verify every file, load, smoke
// query, reply with the manifest) and to close it once no search of it is in flight; a closed
// generation's native memory is released at once, and at most the two most recently used stay
// open. Questions that arrive while a search runs are answered together: their FAISS scans are
// handed over at once (vectorHitsOfMany, one call from four questions on); a search the bot no
// longer waits for (waitMs) is skipped. It exits when the bot goes away.
import type { EmbedderIdentity } from "@ai-library/shared/embeddings";
import { type LoadedGeneration, openGeneration } from "@ai-library/shared/index";
import {
  passagesFromVectorHits,
  searchQueryOf,
  sectionAround,
  smokeQuery,
  vectorHitsOfMany,
} from "@ai-library/shared/retrieval";
import type {
  OpenRequest,
  SearchProcessReply,
  SearchProcessRequest,
  SearchRequest,
  SectionRequest,
} from "./faiss-search-protocol.js";

const KEEP = 2;
const generations = new Map<string, Promise<LoadedGeneration>>();

/**
 * The FAISS index is native memory V8 does not see, so dropping it does not prompt a collection:
 * without one, every swap would leave a whole index in the process.
 * The bot forks this process with --expose-gc for this call.
 */
const releaseNativeMemory = () => (globalThis as { gc?: () => void }).gc?.();

function retire(opening: Promise<LoadedGeneration>): void {
  // A search already waiting on this generation runs first: its continuation was queued earlier.
  void opening.then(
    (generation) => {
      generation.close();
      // On the next turn: while this callback runs, its own frame still references the index.
      setImmediate(releaseNativeMemory);
    },
    () => undefined,
  );
}

function generationOf(dir: string, expectedEmbedder?: EmbedderIdentity): Promise<LoadedGeneration> {
  let opening = generations.get(dir);
  if (opening) generations.delete(dir);
  else {
    const opened = openGeneration(dir, expectedEmbedder ? { expectedEmbedder } : {});
    opening = opened;
    opened.catch(() => {
      if (generations.get(dir) === opened) generations.delete(dir);
    });
  }
  generations.set(dir, opening); // most recently used last
  for (const old of [...generations.keys()].slice(0, Math.max(0, generations.size - KEEP))) {
    const evicted = generations.get(old);
    generations.delete(old);
    if (evicted) retire(evicted);
  }
  return opening;
}

/**
 * The bot sends close only once every search it sent for the generation has been answered or
 * given up on, and IPC keeps order, so no search that needs it is queued behind this.
 */
function closeGeneration(dir: string): void {
  const opening = generations.get(dir);
  if (!opening) return;
  generations.delete(dir);
  retire(opening);
}

const reply = (message: SearchProcessReply) => process.send?.(message);
const EXPIRED = "бот перестал ждать этот поиск до того, как он вышел из очереди";
const failure = (id: number, error: unknown): SearchProcessReply => ({
  id,
  ok: false,
  error: (error as Error).message,
});

/** Opens a generation the bot is about to serve and proves it answers; a failed one is not kept. */
async function openForBot(request: OpenRequest): Promise<void> {
  try {
    const generation = await generationOf(request.dir, request.expectedEmbedder);
    smokeQuery(generation, Float32Array.from(request.probe));
    reply({ id: request.id, ok: true, manifest: generation.manifest });
  } catch (error) {
    closeGeneration(request.dir);
    reply(failure(request.id, error));
  }
}

async function readSection(request: SectionRequest): Promise<void> {
  try {
    const generation = await generationOf(request.dir);
    const section = sectionAround(generation, request.bookId, request.position, request.maxChars);
    reply({ id: request.id, ok: true, section: section ?? null });
  } catch (error) {
    reply(failure(request.id, error));
  }
}

/** A search with the moment it arrived (monotonic clock), to tell when the bot stops waiting. */
type QueuedSearch = SearchRequest & { queuedAt: number };

/** Searches of one generation, in arrival order: their FAISS scans in one call, then each one's passages. */
async function searchTogether(dir: string, waiting: QueuedSearch[]): Promise<void> {
  const now = performance.now();
  const searches: QueuedSearch[] = [];
  for (const search of waiting) {
    if (now - search.queuedAt < search.waitMs) searches.push(search);
    else reply({ id: search.id, ok: false, error: EXPIRED });
  }
  if (searches.length === 0) return;
  const failAll = (error: unknown) => {
    for (const search of searches) reply(failure(search.id, error));
  };
  let generation: LoadedGeneration;
  try {
    generation = await generationOf(dir);
  } catch (error) {
    return failAll(error);
  }
  const queries = searches.map((search) => ({
    id: search.id,
    k: search.k,
    query: searchQueryOf(
      search.text,
      Float32Array.from(search.vector),
      search.context ? { context: search.context } : {},
    ),
    settings: search.settings,
  }));
  let hits: ReturnType<typeof vectorHitsOfMany>;
  try {
    hits = vectorHitsOfMany(generation, queries);
  } catch (error) {
    return failAll(error);
  }
  queries.forEach(({ id, k, query, settings }, at) => {
    try {
      reply({ id, ok: true, passages: passagesFromVectorHits(generation, query, hits[at] ?? [], k, settings) });
    } catch (error) {
      reply(failure(id, error));
    }
  });
}

// Messages in arrival order. A run of searches at the front is taken whole and answered
// together; the others are handled in their place, so every search sent before a generation was
// closed has taken hold of it before the close is handled. An open holds up the searches behind
// it until it is done (seconds at 100k chunks): searched meanwhile, they would leave its file
// reads one turn of the event loop per round, and under load the open would take minutes.
const queue: (Exclude<SearchProcessRequest, SearchRequest> | QueuedSearch)[] = [];
let draining = false;

async function drain(): Promise<void> {
  while (queue.length > 0) {
    const head = queue[0];
    if (head?.type !== "search") {
      queue.shift();
      if (head?.type === "open") await openForBot(head);
      else if (head?.type === "prepare")
        void generationOf(head.dir).catch(() => undefined); // the next search reports it
      else if (head?.type === "close") closeGeneration(head.dir);
      else if (head?.type === "section") await readSection(head);
      else if (head?.type === "memory") reply({ id: head.id, ok: true, rssBytes: process.memoryUsage().rss });
      continue;
    }
    let end = 0;
    while (queue[end]?.type === "search") end++;
    const searches = queue.splice(0, end) as QueuedSearch[];
    const byDir = new Map<string, QueuedSearch[]>();
    for (const search of searches) {
      const same = byDir.get(search.dir);
      if (same) same.push(search);
      else byDir.set(search.dir, [search]);
    }
    await Promise.all([...byDir].map(([dir, same]) => searchTogether(dir, same)));
    // Let the questions that came in meanwhile reach the queue before the next round.
    await new Promise((resume) => setImmediate(resume));
  }
  draining = false;
}

process.on("message", (request: SearchProcessRequest) => {
  queue.push(request.type === "search" ? { ...request, queuedAt: performance.now() } : request);
  if (draining) return;
  draining = true;
  // After this turn's other messages: they join the same round.
  setImmediate(() => void drain());
});
process.on("disconnect", () => process.exit(0));
// Belt and braces: a search process was once seen outliving a killed bot by half an hour (no
// "disconnect" arrived). When the bot is gone the process is re-parented, and it leaves too.
const botPid = process.ppid;
setInterval(() => {
  if (process.ppid !== botPid) process.exit(0);
}, 2000).unref();
