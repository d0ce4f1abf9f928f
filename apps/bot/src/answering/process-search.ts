// Question search in the search process: the bot embeds the question (well under a millisecond
// offline) and the search process runs the whole hybrid search — keyword candidates, FAISS scan,
// fusion, passages — with the same shared searchGeneration as LiveLibrary.search, so answers
// match exactly while the bot's event loop stays free. The served generation is held for the
// whole search. If the search process fails (exits, errors), the search runs in the bot on a
// fallback copy (fallback-copies.ts), closed again once the search process answers; a search
// that waited past the answer timeout fails as a timeout instead: under load the queue is long,
// and running its searches in the bot would stall every chat exactly then.
import type { Embedder } from "@ai-library/shared/embeddings";
import type { Logger } from "@ai-library/shared/logging";
import {
  type LiveGenerations,
  type LiveLibrary,
  type Passage,
  type RetrievalSettings,
  type SearchContext,
  type SearchQuery,
  searchGeneration,
  searchQueryOf,
  sectionAround,
  textToEmbed,
} from "@ai-library/shared/retrieval";
import type { FallbackCopies } from "./fallback-copies.js";
import { type SearchProcessClient, SearchProcessTimeoutError } from "./search-process-client.js";

export interface ProcessSearch {
  search: LiveLibrary["search"];
  sectionAround: LiveLibrary["sectionAround"];
  /** RSS of the search process, if it runs. */
  rssBytes(): Promise<number | undefined>;
}

export interface ProcessSearchDeps {
  client: SearchProcessClient;
  library: Pick<LiveGenerations, "withGeneration">;
  copies: FallbackCopies;
  embedder: Embedder;
  logger: Logger;
  settings: RetrievalSettings;
  /** How long a search may wait for the search process (its queue included): the answer timeout. */
  searchTimeoutMs: number;
}

export function createProcessSearch(deps: ProcessSearchDeps): ProcessSearch {
  const remotePassages = async (
    dir: string,
    query: SearchQuery,
    k: number,
    context: SearchContext | undefined,
  ): Promise<Passage[]> => {
    const reply = await deps.client.call(
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
    if (!("passages" in reply)) throw new Error("неожиданный ответ процесса поиска");
    return reply.passages;
  };

  return {
    async search(question, k, options = {}) {
      const vector = await deps.embedder.embedQuery(textToEmbed(question, options));
      return deps.library.withGeneration(async (generation) => {
        const query = searchQueryOf(question, vector, options);
        try {
          const passages = await remotePassages(generation.dir, query, k, options.context);
          deps.copies.release(); // the search process answers again: the bot needs no copy
          return { passages, generationId: generation.id };
        } catch (error) {
          if (error instanceof SearchProcessTimeoutError) throw error;
          deps.logger.warn(`Поиск в процессе поиска не удался (${(error as Error).message}); ищу в боте`);
          return deps.copies.use(generation.dir, (copy) => ({
            passages: searchGeneration(copy, query, k, deps.settings),
            generationId: generation.id,
          }));
        }
      });
    },
    sectionAround(bookId, position, maxChars) {
      return deps.library.withGeneration(async (generation) => {
        try {
          const reply = await deps.client.call(
            (id) => ({ type: "section", id, dir: generation.dir, bookId, position, maxChars }),
            deps.searchTimeoutMs,
          );
          if (!reply.ok) throw new Error(reply.error);
          if (!("section" in reply)) throw new Error("неожиданный ответ процесса поиска");
          return reply.section ?? undefined;
        } catch (error) {
          if (error instanceof SearchProcessTimeoutError) throw error;
          deps.logger.warn(`Чтение раздела в процессе поиска не удалось (${(error as Error).message}); читаю в боте`);
          return deps.copies.use(generation.dir, (copy) => sectionAround(copy, bookId, position, maxChars));
        }
      });
    },
    async rssBytes() {
      if (!deps.client.running()) return undefined;
      const reply = await deps.client.call((id) => ({ type: "memory", id }), 2000).catch(() => undefined);
      return reply?.ok && "rssBytes" in reply ? reply.rssBytes : undefined;
    },
  };
}
