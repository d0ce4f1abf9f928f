// The whole cluster on one machine: a network of namespaces with Redis, N bot hosts (each with
// its own copy of the published index), nginx in front of them, and the Telegram host that
// sends users' updates through nginx and receives the bots' answers. Real processes, real
// Redis and FAISS; only Telegram is a stand-in.
//
// Hosts beyond these (a publisher, a worker) can be asked for with `extraHosts`: they get a
// namespace and an address, and a later scenario starts its processes there with
// startHostProcess — as it can beside each bot (bot.host.namespace, bot.dataDir).
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CpuLimit } from "./cpu/cpu-limit.js";
import { BOT_WEBHOOK_PORT, type BotHost, botHost } from "./hosts/bot-host.js";
import { type NginxHost, startNginxHost } from "./hosts/nginx-host.js";
import { type RedisHost, startRedisHost } from "./hosts/redis-host.js";
import { startTelegramHost, type TelegramHost } from "./hosts/telegram-host.js";
import { CLUSTER_PREFIX, type ClusterNetwork, createClusterNetwork, type NetworkHost } from "./net/cluster-network.js";
import { assertNamespacesPermitted } from "./net/ip-command.js";
import { killNamespaceProcesses, removeStaleClusters } from "./net/stale-clusters.js";
import { createTeardown } from "./teardown.js";

export interface ClusterOptions {
  replicas: number;
  /** The published index every bot host starts with (copied into each host's own INDEX_DIR). */
  indexDir: string;
  booksDir: string;
  /** A CPU limit per replica (0-based), or none. */
  cpuLimit?: (replica: number) => CpuLimit | undefined;
  /** Telegram's pause before posting an unanswered update again (default 1 s). */
  retryDelayMs?: number;
  /** More environment for every bot. */
  botEnv?: Record<string, string>;
  extraHosts?: string[];
}

export interface Cluster {
  network: ClusterNetwork;
  redis: RedisHost;
  bots: BotHost[];
  nginx: NginxHost;
  telegram: TelegramHost;
  /** QUEUE_PREFIX of every bot: the Redis keys of this run. */
  prefix: string;
  extraHosts: NetworkHost[];
  /** kill -9 of a bot replica (its search process is left as the crash leaves it). */
  killBot(index: number): Promise<void>;
  /** Stops the bots (SIGTERM), then removes every process, namespace and folder. */
  close(): Promise<void>;
}

const SECRET = "cluster-webhook-secret-7Rk2";

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  assertNamespacesPermitted();
  removeStaleClusters();
  const teardown = createTeardown();
  const dir = mkdtempSync(join(tmpdir(), `${CLUSTER_PREFIX}-${process.pid}-`));
  teardown.add(() => rmSync(dir, { recursive: true, force: true }));
  const botNames = Array.from({ length: options.replicas }, (_, n) => `bot${n + 1}`);
  const network = createClusterNetwork(["redis", ...botNames, "nginx", "telegram", ...(options.extraHosts ?? [])]);
  teardown.add(() => network.destroy());
  // Steps run last added first: kill what runs in the hosts, then free their CPU cgroups.
  const limits: CpuLimit[] = [];
  teardown.add(() => {
    for (const limit of limits) limit.release();
  });
  // Before the namespaces go: whatever still runs in them (a crashed test leaves everything running).
  teardown.add(() => {
    for (const host of network.hosts) killNamespaceProcesses(host.namespace);
  });
  try {
    const hostDir = (name: string) => {
      const path = join(dir, name);
      mkdirSync(path, { recursive: true });
      return path;
    };
    const redis = await startRedisHost(network.host("redis"), hostDir("redis"));
    const bots = botNames.map((name, n) => {
      const dataDir = hostDir(name);
      cpSync(options.indexDir, join(dataDir, "index"), { recursive: true });
      const limit = options.cpuLimit?.(n);
      if (limit) limits.push(limit);
      return { name, dataDir, limit };
    });
    const nginxHost = network.host("nginx");
    const nginxUpstreams = bots.map(({ name }) => `${network.host(name).address}:${BOT_WEBHOOK_PORT}`);
    const nginx = await startNginxHost(nginxHost, nginxUpstreams, hostDir("nginx"));
    const telegram = await startTelegramHost({
      host: network.host("telegram"),
      webhookTarget: nginx.webhookUrl,
      secret: SECRET,
      retryDelayMs: options.retryDelayMs ?? 1_000,
    });
    const prefix = `cluster-${randomBytes(4).toString("hex")}`;
    const env: Record<string, string> = {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      BOOKS_DIR: options.booksDir,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: "info",
      INDEX_POLL_SECONDS: "1",
      RATE_LIMIT_PER_MINUTE: "1000",
      BOT_METRICS_PORT: "0",
      WEBHOOK_URL: "https://bot.example.org/telegram/webhook",
      WEBHOOK_SECRET: SECRET,
      ...options.botEnv,
    };
    const botHosts = bots.map(({ name, dataDir, limit }) =>
      botHost({ host: network.host(name), dataDir, env, ...(limit ? { launcher: limit.launcher } : {}) }),
    );
    await Promise.all(botHosts.map((bot) => bot.start()));
    return {
      network,
      redis,
      bots: botHosts,
      nginx,
      telegram,
      prefix,
      extraHosts: (options.extraHosts ?? []).map((name) => network.host(name)),
      async killBot(index) {
        const bot = botHosts[index];
        if (!bot) throw new Error(`no bot replica ${index}`);
        await bot.process.stop("SIGKILL");
      },
      async close() {
        await Promise.all(botHosts.map((bot) => bot.process.stop("SIGTERM", 10_000)));
        if (telegram.process.child.connected) telegram.process.child.disconnect();
        await Promise.race([telegram.process.exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
        teardown.run();
      },
    };
  } catch (error) {
    teardown.run();
    throw error;
  }
}
