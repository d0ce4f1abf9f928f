// Step 4: publish what the assembly built as a new generation, or say why nothing was published,
// and write the run's report. The one place that builds the publish request from the settings,
// prunes old generations, and words "nothing to publish"; the inline ingest and the worker's run
// job both end here.
import { CHUNKER_VERSION } from "../chunking/index.js";
import type { EmbedderIdentity } from "../embeddings/types.js";
import type { GenerationBase } from "../index/generation/generation-base.js";
import type { Derivation, GenerationBuilder } from "../index/generation/generation-builder.js";
import type { IndexStore } from "../index/generation/index-store.js";
import type { Logger } from "../logging/index.js";
import { isInGeneration } from "./book-outcomes.js";
import type { IngestSettings } from "./ingest-settings.js";
import type { BookOutcome, IngestReport } from "./types.js";

class NothingToPublishError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "NothingToPublishError";
  }
}

/**
 * Why a run publishes nothing. The report that prints it adds that the live index is
 * unchanged, so the reason does not say it again.
 */
function nothingToPublish(folder: string, booksFound: number): NothingToPublishError {
  return new NothingToPublishError(
    booksFound === 0
      ? `в ${folder} нет книг поддерживаемых форматов (PDF, EPUB, FB2, TXT, MD), публиковать нечего`
      : "ни одну книгу не удалось проиндексировать, публиковать нечего",
  );
}

export interface PublishRunDeps {
  store: IndexStore;
  embedder: EmbedderIdentity;
  settings: IngestSettings;
  logger: Logger;
  /** Generations other hosts still serve (their heartbeats): retention keeps them. Set on multi-host deployments only. */
  servedByHosts?: () => Promise<readonly string[]>;
}

export interface PublishRunRequest {
  folder: string;
  booksFound: number;
  /** Fills the builder and returns the report's lines (assembleGeneration). */
  assemble: (builder: GenerationBuilder) => Promise<BookOutcome[]>;
  /** Chunks embedded for this run, counted by the caller (inline: the indexed books; worker: the book jobs). */
  embeddedChunks: (outcomes: BookOutcome[]) => number;
  /** When the run started (the worker counts from the enqueue). */
  startedAt: number;
  full?: boolean;
  /** How the log names this run: "Ingest", "Run run-…". */
  label: string;
  /** The verified live generation the run reuses books of: the new one is derived from it when it can be. */
  base?: GenerationBase;
}

export async function publishRun(deps: PublishRunDeps, request: PublishRunRequest): Promise<IngestReport> {
  const { store, settings, logger } = deps;
  let outcomes: BookOutcome[] = [];
  const base = () => ({
    outcomes,
    embeddedChunks: request.embeddedChunks(outcomes),
    ...(request.full ? { full: true } : {}),
  });
  let derivation: Derivation = {};
  try {
    const manifest = await store.publish(
      {
        embedder: deps.embedder,
        chunking: { version: CHUNKER_VERSION, ...settings.chunking },
        indexFactory: settings.indexFactory,
        nprobe: settings.nprobe,
        ...(request.base ? { base: request.base } : {}),
      },
      async (builder) => {
        derivation = builder.derivation;
        outcomes = await request.assemble(builder);
        if (!outcomes.some(isInGeneration)) throw nothingToPublish(request.folder, request.booksFound);
      },
    );
    const served = await servedElsewhere(deps, logger);
    const pruned = served ? store.prune(settings.keepGenerations, served) : [];
    logger.info(
      `${request.label}: опубликовано поколение ${manifest.id}, книг ${manifest.books.length}, фрагментов ${manifest.chunkCount}`,
      { previous: manifest.previousId, pruned, ...derivationFields(derivation) },
    );
    return {
      ...base(),
      published: true,
      generationId: manifest.id,
      ...(manifest.previousId ? { previousId: manifest.previousId } : {}),
      chunkCount: manifest.chunkCount,
      durationMs: Date.now() - request.startedAt,
    };
  } catch (error) {
    if (!(error instanceof NothingToPublishError)) throw error;
    logger.error(`${request.label}: ${error.message}`);
    return {
      ...base(),
      published: false,
      chunkCount: 0,
      failure: error.message,
      durationMs: Date.now() - request.startedAt,
    };
  }
}

/**
 * What the hosts' heartbeats name. When they cannot be read, nothing is pruned this time (undefined):
 * deleting a generation another host may still need is worse than keeping one more on disk.
 */
async function servedElsewhere(deps: PublishRunDeps, logger: Logger): Promise<readonly string[] | undefined> {
  if (!deps.servedByHosts) return [];
  try {
    return await deps.servedByHosts();
  } catch (error) {
    logger.warn(
      `Старые поколения не удалены: не удалось узнать, какие обслуживают другие хосты (${(error as Error).message})`,
    );
    return undefined;
  }
}

/** How the log says the generation was built: derived from which one, or from scratch and why. */
function derivationFields(derivation: Derivation): Record<string, string> {
  if (derivation.from) return { derivedFrom: derivation.from };
  return derivation.reason ? { builtFromScratch: derivation.reason } : {};
}
