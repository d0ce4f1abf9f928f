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

// Write failures that say nothing is wrong with the books, only with the disk under INDEX_DIR.
// SQLite reports ENOSPC as SQLITE_FULL and any other failed write (EFBIG, EIO) as SQLITE_IOERR_WRITE.
const WRITE_FAILURE_CAUSES: Record<string, string> = {
  ENOSPC: "нет места на диске",
  SQLITE_FULL: "нет места на диске",
  EDQUOT: "превышена дисковая квота",
  EFBIG: "файл превысил предельный размер (ограничение ulimit -f / RLIMIT_FSIZE)",
  SQLITE_IOERR_WRITE: "ошибка записи на диск (нет места или превышен предельный размер файла)",
};

export class IndexWriteError extends Error {
  constructor(
    readonly indexDir: string,
    readonly code: string,
    cause: Error,
  ) {
    super(
      `Не удалось записать новое поколение индекса в ${indexDir}: ${WRITE_FAILURE_CAUSES[code] ?? code} ` +
        `(${code}: ${cause.message}). Опубликованное поколение не изменено и продолжает работать. ` +
        "Освободите место на диске с INDEX_DIR (`df -h`; старые поколения — `pnpm ai-library index list`, " +
        "их число задаёт INDEX_KEEP_GENERATIONS) и запустите индексацию снова.",
    );
    this.name = "IndexWriteError";
  }
}

/** `error` as an IndexWriteError when the disk refused a write, otherwise unchanged. */
export function asIndexWriteError(error: unknown, indexDir: string): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (error instanceof Error && typeof code === "string" && code in WRITE_FAILURE_CAUSES) {
    return new IndexWriteError(indexDir, code, error);
  }
  return error;
}
