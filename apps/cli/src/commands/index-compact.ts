// `index compact`: folds the live generation's segments into one (compactLiveGeneration) and
// makes the result live, telling the bots as after a publish. The worker does this by itself
// after a run that left many segments; the command is for doing it now (`--force`: even below
// that threshold, as long as there is more than one segment or a removed book's rows).
import { compactLiveGeneration } from "@ai-library/shared/index";
import type { Command } from "commander";
import { describeSwitchAnnouncement, startSwitchAnnouncer } from "./announce-live-switch.js";
import { runIndexCommand } from "./index-command-runner.js";

export function registerIndexCompactCommand(index: Command): void {
  index
    .command("compact")
    .description(
      "свести сегменты живого поколения в один (без повторной векторизации) и сделать результат живым; " +
        "воркер делает это сам после запуска, когда сегментов много",
    )
    .option("--force", "свести, даже если сегментов меньше порога воркера")
    .option("--json", "вывести результат в JSON")
    .action((options: { force?: boolean; json?: boolean }) =>
      runIndexCommand("compact", async ({ config, logger, store }) => {
        const announcer = startSwitchAnnouncer(config);
        try {
          const outcome = await compactLiveGeneration(store, { force: options.force === true });
          if (outcome.kind === "skipped") {
            if (options.json) process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
            else process.stdout.write(`Сводить нечего: ${outcome.reason}.\n`);
            return 0;
          }
          const announced = await announcer.announce(outcome.generationId);
          logger.info(`Сегменты поколения ${outcome.fromId} сведены в одно: ${outcome.generationId}`, {
            segments: outcome.segments,
            chunkCount: outcome.chunkCount,
            seconds: Number(outcome.seconds.toFixed(2)),
          });
          if (options.json) {
            process.stdout.write(`${JSON.stringify({ ...outcome, announced }, null, 2)}\n`);
            return 0;
          }
          const lines = [
            `Сегментов было ${outcome.segments}; новое живое поколение ${outcome.generationId} — один сегмент, ` +
              `${outcome.chunkCount} фрагментов, ${outcome.seconds.toFixed(1)} с.`,
            describeSwitchAnnouncement(announced, config.INDEX_POLL_SECONDS),
          ];
          process.stdout.write(`${lines.join("\n")}\n`);
          return 0;
        } finally {
          await announcer.close();
        }
      }),
    );
}
