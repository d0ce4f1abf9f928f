// What a host tells the others about its index, for `index serve` (the publisher) and `index
// follow` (a bot host): a heartbeat key in Redis naming the generation its INDEX_DIR has live
// (`index list`, retention), the gauge ai_library_index_generation_info{host,generation} on its
// /metrics, and the Redis notice after its LIVE moved, so this host's bot reloads at once.
// Redis being down costs only these reports; serving and syncing go on.
import { type AppConfig, hostNameOf } from "@ai-library/shared/config";
import type { IndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { createMetricsRegistry, startMetricsServer } from "@ai-library/shared/metrics";
import { Gauge } from "prom-client";

/** Heartbeats every 5 s live 15 s: a host that stopped drops out of `index list` within that. */
const BEAT_MS = 5_000;
const BEAT_TTL_SECONDS = 15;
const NOTICE_TIMEOUT_MS = 3_000;

export interface HostReporting {
  readonly host: string;
  /** Refreshes the heartbeat now (after LIVE moved) and sends the generation notice. */
  reportSwitch(generationId: string): Promise<void>;
  /** Generations some host's heartbeat names; throws when Redis cannot be read. */
  servedByHosts(): Promise<string[]>;
  close(): Promise<void>;
}

export interface HostReportingDeps {
  config: AppConfig;
  store: IndexStore;
  role: "publisher" | "follower";
  logger: Logger;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: нет ответа за ${ms} мс`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function startHostReporting(deps: HostReportingDeps): Promise<HostReporting> {
  const { config, store, role, logger } = deps;
  const host = hostNameOf(config);
  const notice = await import("@ai-library/shared/notice");
  const redis = notice.createWorkerConnection(config.REDIS_URL, {
    onError: (message) => logger.warn(`Redis (пульс хоста ${host}): ${message}; индекс обслуживается как прежде`),
  });
  const ready = () => redis.status === "ready";

  const beat = async () => {
    if (!ready()) return;
    const generationId = store.liveId();
    await withTimeout(
      notice.announceHostServing(
        redis,
        config.QUEUE_PREFIX,
        { host, role, ...(generationId ? { generationId } : {}), at: new Date().toISOString() },
        BEAT_TTL_SECONDS,
      ),
      NOTICE_TIMEOUT_MS,
      "пульс",
    ).catch((error: Error) => logger.warn(`Пульс хоста ${host} не записан: ${error.message}`));
  };
  redis.on("ready", () => void beat());
  const timer = setInterval(() => void beat(), BEAT_MS);

  const registry = createMetricsRegistry({ service: role === "publisher" ? "index-server" : "index-follower" });
  new Gauge({
    name: "ai_library_index_generation_info",
    help: "The generation this host's INDEX_DIR has live (value 1; labels host and generation)",
    labelNames: ["host", "generation"],
    registers: [registry],
    collect() {
      this.reset();
      const generationId = store.liveId();
      if (generationId) this.set({ host, generation: generationId }, 1);
    },
  });
  const metrics = await startMetricsServer({
    port: config.INDEX_SYNC_METRICS_PORT,
    host: config.METRICS_HOST,
    registry,
    health: () => ({ ok: true, host, role, generationId: store.liveId() ?? null, redis: redis.status }),
    logger,
  });

  return {
    host,
    async reportSwitch(generationId) {
      await beat();
      if (!ready()) return;
      await withTimeout(
        notice.announceGeneration(redis, config.QUEUE_PREFIX, { generationId, publishedAt: new Date().toISOString() }),
        NOTICE_TIMEOUT_MS,
        "уведомление",
      ).catch((error: Error) => logger.warn(`Уведомление о поколении ${generationId} не отправлено: ${error.message}`));
    },
    async servedByHosts() {
      if (!ready()) throw new Error("Redis недоступен");
      return withTimeout(
        notice.generationsServedByHosts(redis, config.QUEUE_PREFIX),
        NOTICE_TIMEOUT_MS,
        "пульсы хостов",
      );
    },
    async close() {
      clearInterval(timer);
      await metrics.close();
      if (ready()) await notice.withdrawHostServing(redis, config.QUEUE_PREFIX, host).catch(() => {});
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
