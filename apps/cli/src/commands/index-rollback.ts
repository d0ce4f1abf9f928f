// `index rollback [--to ID]`: makes the generation that was live before the current one (or the
// named one) live by an atomic switch of INDEX_DIR/LIVE, after verifying it. Nothing is
// stopped: the same Redis notice as a worker's publish tells the bots at once, and their poll
// (INDEX_POLL_SECONDS) catches the switch if Redis is down.
import { rollbackLiveGeneration } from "@ai-library/shared/index";
import type { Command } from "commander";
import { formatUndoHint } from "../output/undo-hint.js";
import { describeSwitchAnnouncement, startSwitchAnnouncer } from "./announce-live-switch.js";
import { expectedEmbedder, runIndexCommand } from "./index-command-runner.js";

export function registerIndexRollbackCommand(index: Command): void {
  index
    .command("rollback")
    .description(
      "сделать живым поколение, которое было живым до текущего (или --to ID), проверив его; " +
        "повреждённое пропускается, берётся следующее назад",
    )
    .option("--to <id>", "какое поколение сделать живым (см. `index list`)")
    .option("--json", "вывести {fromId, toId, skipped, undo, announced} в JSON")
    .action((options: { to?: string; json?: boolean }) =>
      runIndexCommand("rollback", async (context) => {
        const { config, logger, store } = context;
        const announcer = startSwitchAnnouncer(config);
        const result = await rollbackLiveGeneration(store, {
          ...(options.to !== undefined ? { to: options.to } : {}),
          expectedEmbedder: await expectedEmbedder(context),
          onSwitched: async (id) => void (await announcer.announce(id)),
        }).finally(() => announcer.close());
        const announced = announcer.outcome;
        logger.info(`Откат индекса: ${result.fromId ?? "нет"} → ${result.toId}`, {
          skipped: result.skipped,
          announced,
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ ...result, announced }, null, 2)}\n`);
          return 0;
        }
        const lines = result.skipped.map((entry) => `Пропущено повреждённое поколение ${entry.id}: ${entry.fault}`);
        lines.push(
          `Живое поколение: ${result.fromId ?? "нет"} → ${result.toId}.`,
          describeSwitchAnnouncement(announced, config.INDEX_POLL_SECONDS),
        );
        const undo = formatUndoHint(result.undo);
        if (undo) lines.push(undo);
        process.stdout.write(`${lines.join("\n")}\n`);
        return 0;
      }),
    );
}
