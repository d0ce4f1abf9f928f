// Typed index failures. Each message names the generation, the fault and what to run.

export class IndexIntegrityError extends Error {
  constructor(
    readonly generationId: string,
    readonly fault: string,
    readonly file?: string,
  ) {
    super(
      `Поколение индекса ${generationId} не прошло проверку: ${fault}. ` +
        "Подробности: `pnpm ai-library index check`; `pnpm ai-library index rollback` вернёт предыдущее поколение, " +
        "`pnpm ai-library ingest --folder <книги> --inline` соберёт индекс заново.",
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
      `Поколение индекса ${generationId} собрано векторизатором ${indexEmbedder}, а этот процесс векторизует вопросы ` +
        `векторизатором ${queryEmbedder}. Приведите EMBEDDINGS_PROVIDER и модель в соответствие или переиндексируйте ` +
        "библиотеку текущим векторизатором.",
    );
    this.name = "EmbedderMismatchError";
  }
}

export class NoLiveGenerationError extends Error {
  constructor(indexDir: string) {
    super(
      `В ${indexDir} ещё не опубликован ни один индекс. Положите книги в папку книг и выполните ` +
        "`pnpm ai-library ingest --folder data/books --inline` (или через воркер).",
    );
    this.name = "NoLiveGenerationError";
  }
}

export class PublishLockedError extends Error {
  constructor(lockFile: string, holder: string) {
    super(`Уже идёт другая публикация (${lockFile} занят: ${holder}); повторите, когда она закончится.`);
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
