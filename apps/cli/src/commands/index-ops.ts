// `index list | check | rollback | backup | restore | rebuild | compact | serve | follow`: the operator's index commands.
// Each subcommand lives in its own index-*.ts file (run through index-command-runner.ts).
import type { Command } from "commander";
import { registerIndexBackupCommand } from "./index-backup.js";
import { registerIndexCheckCommand } from "./index-check.js";
import { registerIndexCompactCommand } from "./index-compact.js";
import { registerIndexFollowCommand } from "./index-follow.js";
import { registerIndexListCommand } from "./index-list.js";
import { registerIndexRebuildCommand } from "./index-rebuild.js";
import { registerIndexRestoreCommand } from "./index-restore.js";
import { registerIndexRollbackCommand } from "./index-rollback.js";
import { registerIndexServeCommand } from "./index-serve.js";

export function registerIndexCommand(program: Command): void {
  const index = program
    .command("index")
    .description(
      "поколения индекса: список, проверка, откат, резервная копия, восстановление, пересборка, доставка на другие хосты",
    );
  registerIndexListCommand(index);
  registerIndexCheckCommand(index);
  registerIndexRollbackCommand(index);
  registerIndexBackupCommand(index);
  registerIndexRestoreCommand(index);
  registerIndexRebuildCommand(index);
  registerIndexCompactCommand(index);
  registerIndexServeCommand(index);
  registerIndexFollowCommand(index);
}
