// How the bot opens a generation when the search process holds the index: the search process
// opens it — verifying every file, as a reader always does — runs the smoke query, and replies
// with the verified manifest; the bot serves it only after that, and keeps just the manifest
// (id, books, chunk count: what /status, /books and /about show). One load per generation, not
// two: the bot does not verify the files again, because the search process's verdict is what
// admits a generation either way. If the search process gives no verdict (it exits, or does not
// answer in OPEN_TIMEOUT_MS), the bot opens and checks the generation itself and keeps that copy
// for the fallback until the search process answers a search again.
import type { Embedder } from "@ai-library/shared/embeddings";
import { type GenerationManifest, type IndexStore, openGeneration } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { type ServedGeneration, SMOKE_QUESTION, smokeTested } from "@ai-library/shared/retrieval";
import type { FallbackCopies } from "./fallback-copies.js";
import { type SearchProcessClient, SearchProcessUnavailableError } from "./search-process-client.js";

/** Opening verifies every file: at a million chunks (1.5 GB of FAISS) that takes minutes on a small VM. */
const OPEN_TIMEOUT_MS = 15 * 60_000;

export interface OpenInSearchProcessDeps {
  client: SearchProcessClient;
  copies: FallbackCopies;
  store: Pick<IndexStore, "generationDir">;
  embedder: Pick<Embedder, "identity" | "embedQuery">;
  logger: Logger;
}

/** The live library's `open` for a bot with a search process: a generation handle without the index. */
export function openInSearchProcess(deps: OpenInSearchProcessDeps): (id: string) => Promise<ServedGeneration> {
  const { client, copies, embedder } = deps;

  const openThere = async (dir: string): Promise<GenerationManifest> => {
    const probe = Array.from(await embedder.embedQuery(SMOKE_QUESTION));
    const reply = await client.call(
      (id) => ({ type: "open", id, dir, expectedEmbedder: embedder.identity, probe }),
      OPEN_TIMEOUT_MS,
    );
    if (!reply.ok) throw new Error(reply.error); // the generation is unfit: refused
    if (!("manifest" in reply)) throw new Error("неожиданный ответ процесса поиска");
    return reply.manifest;
  };

  const openHere = async (dir: string): Promise<GenerationManifest> => {
    const copy = await smokeTested(await openGeneration(dir, { expectedEmbedder: embedder.identity }), embedder);
    copies.adopt(copy);
    return copy.manifest;
  };

  return async (id) => {
    const dir = deps.store.generationDir(id);
    let manifest: GenerationManifest;
    try {
      manifest = await openThere(dir);
    } catch (error) {
      if (!(error instanceof SearchProcessUnavailableError)) throw error;
      deps.logger.warn(`Процесс поиска не открыл поколение ${id} (${error.message}); проверяю его в боте`);
      manifest = await openHere(dir);
    }
    return {
      id: manifest.id,
      dir,
      manifest,
      close() {
        client.send({ type: "close", dir });
        copies.release(dir);
      },
    };
  };
}
