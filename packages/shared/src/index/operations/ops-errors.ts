// Typed failures of the operator's index commands (backup, restore, rollback). Each message is
// one paragraph in the operators' language: what failed, which file or generation, what to run
// next. Faults from the checks (`index.faiss: checksum does not match …`) are quoted as they are,
// as `index check` prints them.

export class BackupError extends Error {
  constructor(
    readonly file: string,
    readonly fault: string,
    advice = "Сделайте новую копию (pnpm ai-library index backup) или восстановите более старый архив.",
    /** How the message begins; default "Резервная копия <file>". */
    lead = `Резервная копия ${file}`,
  ) {
    super(`${lead}: ${fault}. ${advice}`);
    this.name = "BackupError";
  }
}

/** What to do when a restore is refused; names the configured backup folder when it is known. */
export function restoreAdvice(backupDir?: string): string {
  const list = backupDir ? `ls -l ${backupDir}` : "ls -l <каталог резервных копий>";
  return (
    `Выберите другой архив (список: ${list}) и повторите pnpm ai-library index restore <архив>, ` +
    "или соберите индекс заново из книг: pnpm ai-library index rebuild --inline."
  );
}

export class RestoreError extends Error {
  constructor(
    readonly source: string,
    readonly fault: string,
    advice = restoreAdvice(),
  ) {
    super(`Восстановить индекс из ${source} не удалось: ${fault}. Живой индекс не изменён. ${advice}`);
    this.name = "RestoreError";
  }
}

export interface SkippedGeneration {
  id: string;
  fault: string;
}

export class RollbackError extends Error {
  constructor(
    readonly fault: string,
    readonly skipped: SkippedGeneration[] = [],
  ) {
    const detail = skipped.map((entry) => `\n  - ${entry.id}: ${entry.fault}`).join("");
    super(
      `Откат не выполнен: ${fault}.${detail}\nЖивой индекс не изменён. Поколения: pnpm ai-library index list; ` +
        "восстановить из резервной копии: pnpm ai-library index restore <архив>; " +
        "собрать заново из книг: pnpm ai-library index rebuild --inline.",
    );
    this.name = "RollbackError";
  }
}
