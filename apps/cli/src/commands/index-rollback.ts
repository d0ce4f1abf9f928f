// `index rollback [--to ID]`: makes the previous verified generation (or the named one) live by
// an atomic switch of INDEX_DIR/LIVE. Nothing is stopped: the bot sees the new pointer on its
// next poll (INDEX_POLL_SECONDS) or Redis notice and swaps without a restart.
import { rollbackLiveGeneration } from "@ai-library/shared/index";
import type { Command } from "commander";
import { expectedEmbedder, runIndexCommand } from "./index-command-runner.js";

export function registerIndexRollbackCommand(index: Command): void {
  index
    .command("rollback")
    .description("make the previous verified generation (or --to ID) live, atomically, without a restart")
    .option("--to <id>", "the generation to make live (see `index list`)")
    .option("--json", "print {fromId, toId, skipped} as JSON")
    .action((options: { to?: string; json?: boolean }) =>
      runIndexCommand("rollback", async (context) => {
        const result = await rollbackLiveGeneration(context.store, {
          ...(options.to !== undefined ? { to: options.to } : {}),
          expectedEmbedder: await expectedEmbedder(context),
        });
        context.logger.info(`Index rolled back from ${result.fromId ?? "none"} to ${result.toId}`, {
          skipped: result.skipped,
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return 0;
        }
        const lines = result.skipped.map((entry) => `Пропущено повреждённое поколение ${entry.id}: ${entry.fault}`);
        lines.push(
          `Живое поколение: ${result.fromId ?? "нет"} → ${result.toId}.`,
          `Бот переключится сам в течение ${context.config.INDEX_POLL_SECONDS} с, без перезапуска. ` +
            `Вернуть как было: pnpm ai-library index rollback --to ${result.fromId ?? "<id>"}`,
        );
        process.stdout.write(`${lines.join("\n")}\n`);
        return 0;
      }),
    );
}
