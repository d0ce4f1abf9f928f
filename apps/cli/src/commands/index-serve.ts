// `index serve`: the publisher host's generations over HTTP for the bot hosts (cluster/
// generation-server.ts), with its heartbeat and generation_info metric. A command with its own
// unit (infra/systemd/ai-library-index-server.service), not part of the worker: it only reads
// INDEX_DIR, so its unit keeps the index read-only; a worker restart or a 60 s drain does not cut
// the followers' downloads; and it runs whether or not this host takes ingest jobs.
import type { Command } from "commander";
import { startGenerationServer } from "../cluster/generation-server.js";
import { startHostReporting } from "../cluster/host-reporting.js";
import { untilStopSignal } from "../cluster/stop-signal.js";
import { runIndexCommand } from "./index-command-runner.js";

export function registerIndexServeCommand(index: Command): void {
  index
    .command("serve")
    .description("отдавать поколения индекса другим хостам по HTTP (GENERATION_SERVER_LISTEN, CLUSTER_TOKEN)")
    .action(() =>
      runIndexCommand("serve", async ({ config, store, logger }) => {
        if (config.GENERATION_SERVER_LISTEN.length === 0 || !config.CLUSTER_TOKEN) {
          process.stderr.write(
            "Задайте GENERATION_SERVER_LISTEN (адреса host:port) и CLUSTER_TOKEN в .env: без них сервер поколений не запускается.\n",
          );
          return 1;
        }
        const server = await startGenerationServer({
          store,
          token: config.CLUSTER_TOKEN,
          listen: config.GENERATION_SERVER_LISTEN,
          logger,
        });
        const reporting = await startHostReporting({ config, store, role: "publisher", logger });
        const line = `Сервер поколений слушает ${server.urls.join(", ")} (хост ${reporting.host}, живое ${store.liveId() ?? "—"})`;
        logger.info(line);
        process.stdout.write(`${line}\n`);
        await untilStopSignal();
        await server.close();
        await reporting.close();
        logger.info("Сервер поколений остановлен");
        return 0;
      }),
    );
}
