// Typed index failures. Each message names the generation, the fault and what to run.

export class IndexIntegrityError extends Error {
  constructor(
    readonly generationId: string,
    readonly fault: string,
    readonly file?: string,
  ) {
    super(
      `Index generation ${generationId} failed verification: ${fault}. ` +
        "Run `pnpm ai-library index check` for details; `pnpm ai-library index rollback` serves the previous generation, " +
        "`pnpm ai-library ingest --folder <books> --inline` rebuilds it.",
    );
    this.name = "IndexIntegrityError";
  }
}

export class EmbedderMismatchError extends Error {
  constructor(
    readonly generationId: string,
    indexEmbedder: string,
    queryEmbedder: string,
  ) {
    super(
      `Index generation ${generationId} was built with embedder ${indexEmbedder}, but this process embeds queries with ` +
        `${queryEmbedder}. Set EMBEDDINGS_PROVIDER/model to match, or re-ingest the library with the current embedder.`,
    );
    this.name = "EmbedderMismatchError";
  }
}

export class NoLiveGenerationError extends Error {
  constructor(indexDir: string) {
    super(
      `No index has been published in ${indexDir} yet. Put books into the books folder and run ` +
        "`pnpm ai-library ingest --folder data/books --inline` (or through the worker).",
    );
    this.name = "NoLiveGenerationError";
  }
}

export class PublishLockedError extends Error {
  constructor(lockFile: string, holder: string) {
    super(`Another publish is in progress (${lockFile} held by ${holder}); try again when it finishes.`);
    this.name = "PublishLockedError";
  }
}
