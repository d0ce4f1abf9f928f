// Typed failures of the operator's index commands (backup, restore, rollback). Each message
// names the file or generation, says what is wrong, and says what to run next.

export class BackupError extends Error {
  constructor(
    readonly file: string,
    readonly fault: string,
    advice = "Make a new backup with `pnpm ai-library index backup`, or restore an older archive.",
  ) {
    super(`Backup ${file}: ${fault}. ${advice}`);
    this.name = "BackupError";
  }
}

export class RestoreError extends Error {
  constructor(
    readonly source: string,
    readonly fault: string,
  ) {
    super(
      `Cannot restore from ${source}: ${fault}. The live index is unchanged. ` +
        "List the archives with `ls -l $BACKUP_DIR` and restore another one, or rebuild with `pnpm ai-library index rebuild --inline`.",
    );
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
      `Rollback refused: ${fault}.${detail}\nThe live index is unchanged. ` +
        "See `pnpm ai-library index list`; restore a backup with `pnpm ai-library index restore <archive>` " +
        "or rebuild with `pnpm ai-library index rebuild --inline`.",
    );
    this.name = "RollbackError";
  }
}
