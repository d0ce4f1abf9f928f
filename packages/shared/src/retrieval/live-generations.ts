// The generation a reader serves, swapped without a restart, whatever opening one means for that
// reader: live-library.ts opens the FAISS index and the docstore in its own process; the bot with
// a search process keeps only the manifest and lets the search process hold the index. A new
// live generation is opened beside the old one and swapped in; uses already running finish on the
// generation they started with, and the old one is closed when the last of them is done. A
// generation that cannot be opened is refused and the old one keeps serving; at the first load,
// the newest older generation that opens is served instead.
import type { IndexStore } from "../index/generation/index-store.js";
import type { GenerationManifest } from "../index/generation/manifest.js";
import type { Logger } from "../logging/index.js";
import { LibraryEmptyError } from "./errors.js";

export type ReloadOutcome =
  | { status: "unchanged"; id: string | undefined }
  | { status: "loaded"; id: string; previousId: string | undefined }
  | { status: "fallback"; id: string; brokenId: string; reason: string }
  | { status: "refused"; id: string; reason: string; servingId: string | undefined }
  | { status: "empty" };

/** What every reader keeps of the generation it serves (a LoadedGeneration is one). */
export interface ServedGeneration {
  readonly id: string;
  readonly dir: string;
  /** Verified: the books, chunk count and creation time that /status, /books and /about show. */
  readonly manifest: GenerationManifest;
  close(): void;
}

export interface LiveGenerations<G extends ServedGeneration = ServedGeneration> {
  /** The generation currently served, if any. */
  current(): G | undefined;
  /** Runs `use` on the current generation, keeping it open until `use` settles. */
  withGeneration<T>(use: (generation: G) => Promise<T> | T): Promise<T>;
  reloadIfChanged(): Promise<ReloadOutcome>;
  close(): void;
}

export interface LiveGenerationsDeps<G extends ServedGeneration> {
  store: Pick<IndexStore, "liveId" | "list">;
  logger: Logger;
  /** Opens generation `id` ready to serve (verified and smoke-queried); throws when it cannot serve. */
  open(id: string): Promise<G>;
  /** False when the reader searches by vectors only: a generation without a keyword index is then no news. */
  searchesKeywords: boolean;
  /** Called once a swapped-out generation is closed (its last use done). */
  onRetiredClosed?: () => void;
}

interface Held<G> {
  generation: G;
  users: number;
  retired: boolean;
}

export function createLiveGenerations<G extends ServedGeneration>(deps: LiveGenerationsDeps<G>): LiveGenerations<G> {
  const { store, logger } = deps;
  let held: Held<G> | undefined;
  let refusedId: string | undefined;
  let reloading: Promise<ReloadOutcome> | undefined;

  const closeRetired = (entry: Held<G>) => {
    entry.generation.close();
    deps.onRetiredClosed?.();
  };

  const release = (entry: Held<G>) => {
    entry.users -= 1;
    if (entry.retired && entry.users === 0) closeRetired(entry);
  };

  const swapIn = (generation: G) => {
    const old = held;
    held = { generation, users: 0, retired: false };
    if (old) {
      old.retired = true;
      if (old.users === 0) closeRetired(old);
    }
  };

  /** First load only: if the live generation is broken, serve the newest sound one. */
  const fallBack = async (brokenId: string, reason: string): Promise<ReloadOutcome> => {
    const candidates = store
      .list()
      .filter((entry) => entry.id !== brokenId && entry.manifest)
      .reverse();
    for (const candidate of candidates) {
      try {
        swapIn(await deps.open(candidate.id));
        logger.error(
          `Живое поколение индекса ${brokenId} повреждено (${reason}); вместо него обслуживается ${candidate.id}. ` +
            `Выполните \`pnpm ai-library index check ${brokenId}\`, затем \`pnpm ai-library index rollback --to ${candidate.id}\` или проиндексируйте заново.`,
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
      const generation = await deps.open(liveId);
      const previousId = held?.generation.id;
      swapIn(generation);
      refusedId = undefined;
      const hasKeywordIndex = generation.manifest.keywordIndex !== undefined;
      logger.info(`Обслуживается поколение индекса ${liveId}`, {
        previous: previousId,
        chunks: generation.manifest.chunkCount,
        keywordIndex: hasKeywordIndex,
      });
      if (!hasKeywordIndex && deps.searchesKeywords) {
        logger.warn(
          `В поколении индекса ${liveId} нет ключевого индекса (собрано старой версией): поиск только по векторам. ` +
            "Чтобы включить гибридный поиск, проиндексируйте библиотеку заново: pnpm ai-library ingest --folder data/books --inline",
        );
      }
      return { status: "loaded", id: liveId, previousId };
    } catch (error) {
      const reason = (error as Error).message;
      refusedId = liveId;
      if (!held) return fallBack(liveId, reason);
      logger.error(`Поколение индекса ${liveId} отклонено; по-прежнему обслуживается ${held.generation.id}. ${reason}`);
      return { status: "refused", id: liveId, reason, servingId: held.generation.id };
    }
  };

  return {
    current: () => held?.generation,
    async withGeneration(use) {
      const entry = held;
      if (!entry) throw new LibraryEmptyError();
      entry.users += 1;
      try {
        return await use(entry.generation);
      } finally {
        release(entry);
      }
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
