// The generation a reader (bot, `ask`) serves, swapped without a restart. A new live
// generation is loaded and verified beside the old one, smoke-queried, then swapped in;
// questions already running finish on the generation they started with, and the old one
// is closed when the last of them is done. A generation that fails verification is refused
// and the old one keeps serving. Questions are answered by search-generation.ts (hybrid
// keyword + vector search by default).
import type { Logger } from "winston";
import type { Embedder } from "../embeddings/types.js";
import type { IndexStore } from "../index/index-store.js";
import type { LoadedGeneration } from "../index/loaded-generation.js";
import { LibraryEmptyError } from "./errors.js";
import type { Thesaurus } from "./expansion/thesaurus.js";
import { DEFAULT_RETRIEVAL_SETTINGS, type RetrievalSettings } from "./retrieval-settings.js";
import { type SearchOptions, searchQueryOf, textToEmbed } from "./search-context.js";
import { searchGeneration } from "./search-generation.js";
import type { RetrievalResult } from "./types.js";

export type ReloadOutcome =
  | { status: "unchanged"; id: string | undefined }
  | { status: "loaded"; id: string; previousId: string | undefined }
  | { status: "fallback"; id: string; brokenId: string; reason: string }
  | { status: "refused"; id: string; reason: string; servingId: string | undefined }
  | { status: "empty" };

interface Held {
  generation: LoadedGeneration;
  users: number;
  retired: boolean;
}

export interface LiveLibrary {
  /** The generation currently served, if any. */
  current(): LoadedGeneration | undefined;
  /** Runs `use` on the current generation, keeping it open until `use` settles. */
  withGeneration<T>(use: (generation: LoadedGeneration) => Promise<T> | T): Promise<T>;
  search(question: string, k: number, options?: SearchOptions): Promise<RetrievalResult>;
  reloadIfChanged(): Promise<ReloadOutcome>;
  close(): void;
}

export interface LiveLibraryDeps {
  store: IndexStore;
  embedder: Embedder;
  logger: Logger;
  /** From retrievalSettingsFromConfig(config); unset fields take the config defaults. */
  retrieval?: Partial<RetrievalSettings>;
  /** Synonyms for `retrieval.thesaurusWeight` (loadThesaurus, read once at start); none = no synonyms. */
  thesaurus?: Thesaurus;
  /**
   * Called once a swapped-out generation is closed (its last in-flight question done): the
   * bot frees the FAISS index's native memory there, which V8 does not see.
   */
  onRetiredClosed?: () => void;
}

export function createLiveLibrary(deps: LiveLibraryDeps): LiveLibrary {
  const { store, embedder, logger } = deps;
  const settings: RetrievalSettings = { ...DEFAULT_RETRIEVAL_SETTINGS, ...deps.retrieval };
  let held: Held | undefined;
  let refusedId: string | undefined;
  let reloading: Promise<ReloadOutcome> | undefined;

  const closeRetired = (entry: Held) => {
    entry.generation.close();
    deps.onRetiredClosed?.();
  };

  const release = (entry: Held) => {
    entry.users -= 1;
    if (entry.retired && entry.users === 0) closeRetired(entry);
  };

  const swapIn = (generation: LoadedGeneration) => {
    const old = held;
    held = { generation, users: 0, retired: false };
    if (old) {
      old.retired = true;
      if (old.users === 0) closeRetired(old);
    }
  };

  const loadVerified = async (id: string): Promise<LoadedGeneration> => {
    const generation = await store.open(id, embedder.identity);
    if (generation.manifest.chunkCount > 0) {
      // Smoke query: proves FAISS and the docstore answer together before users see it.
      const probe = generation.search(await embedder.embedQuery("книга book"), 1);
      if (probe.length === 0) {
        generation.close();
        throw new Error("smoke query returned no passage");
      }
    }
    return generation;
  };

  /** First load only: if the live generation is broken, serve the newest sound one. */
  const fallBack = async (brokenId: string, reason: string): Promise<ReloadOutcome> => {
    const candidates = store
      .list()
      .filter((entry) => entry.id !== brokenId && entry.manifest)
      .reverse();
    for (const candidate of candidates) {
      try {
        swapIn(await loadVerified(candidate.id));
        logger.error(
          `Live index generation ${brokenId} is damaged (${reason}); serving ${candidate.id} instead. ` +
            `Run \`pnpm ai-library index check ${brokenId}\`, then \`pnpm ai-library index rollback --to ${candidate.id}\` or re-ingest.`,
        );
        return { status: "fallback", id: candidate.id, brokenId, reason };
      } catch {
        // try the next older one
      }
    }
    return { status: "refused", id: brokenId, reason, servingId: undefined };
  };

  const reload = async (): Promise<ReloadOutcome> => {
    const liveId = store.liveId();
    if (!liveId) return { status: "empty" };
    if (held?.generation.id === liveId || refusedId === liveId) return { status: "unchanged", id: held?.generation.id };
    try {
      const generation = await loadVerified(liveId);
      const previousId = held?.generation.id;
      swapIn(generation);
      refusedId = undefined;
      logger.info(`Serving index generation ${liveId}`, {
        previous: previousId,
        chunks: generation.manifest.chunkCount,
        keywordIndex: generation.hasKeywordIndex,
      });
      if (!generation.hasKeywordIndex && settings.mode !== "vector") {
        logger.warn(
          `Index generation ${liveId} has no keyword index (built by an older version): searching by vectors only. ` +
            "Re-ingest the library to enable hybrid search: pnpm ai-library ingest --folder data/books --inline",
        );
      }
      return { status: "loaded", id: liveId, previousId };
    } catch (error) {
      const reason = (error as Error).message;
      refusedId = liveId;
      if (!held) return fallBack(liveId, reason);
      logger.error(`Refused index generation ${liveId}; still serving ${held.generation.id}. ${reason}`);
      return { status: "refused", id: liveId, reason, servingId: held.generation.id };
    }
  };

  const withGeneration = async <T>(use: (generation: LoadedGeneration) => Promise<T> | T): Promise<T> => {
    const entry = held;
    if (!entry) throw new LibraryEmptyError();
    entry.users += 1;
    try {
      return await use(entry.generation);
    } finally {
      release(entry);
    }
  };

  return {
    current: () => held?.generation,
    withGeneration,
    async search(question, k, options) {
      const vector = await embedder.embedQuery(textToEmbed(question, options));
      const query = searchQueryOf(question, vector, options);
      return withGeneration((generation) => ({
        passages: searchGeneration(generation, query, k, settings, deps.thesaurus),
        generationId: generation.id,
      }));
    },
    reloadIfChanged() {
      // Concurrent triggers (pub/sub notice and the poll timer) share one reload.
      reloading ??= reload().finally(() => {
        reloading = undefined;
      });
      return reloading;
    },
    close() {
      if (held) {
        held.retired = true;
        if (held.users === 0) held.generation.close();
        held = undefined;
      }
    },
  };
}
