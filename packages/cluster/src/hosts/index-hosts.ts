// The index's side of a cluster, as docs/deploy.md sets it up: on the publisher host `index
// serve` hands out its generations over HTTP; on each bot host `index follow` keeps that host's
// own INDEX_DIR on the publisher's live generation, and its bot picks LIVE up as on one host.
// Both are the real CLI (apps/cli/src/main.ts under tsx) inside the host's namespace, so every
// byte of a generation crosses the cluster network.
import { mkdirSync } from "node:fs";
import type { NetworkHost } from "../net/cluster-network.js";
import { waitForPort } from "../net/wait-for-port.js";
import type { BotHost } from "./bot-host.js";
import { type HostProcess, startHostProcess } from "./host-process.js";
import { repoRoot, typescriptArgs } from "./typescript-entry.js";

export const GENERATION_SERVER_PORT = 8470;

export interface IndexHostEnv {
  /** REDIS_URL and QUEUE_PREFIX of the cluster: notices and heartbeats. */
  redisUrl: string;
  prefix: string;
  /** CLUSTER_TOKEN shared by the hosts. */
  token: string;
}

/** The CLI run in a host's namespace: `ai-library <args>` with the cluster's settings. */
export function startCliOnHost(
  host: NetworkHost,
  args: string[],
  env: Record<string, string>,
  cwd = repoRoot,
): HostProcess {
  return startHostProcess({
    name: `${host.name}: ${args.join(" ")}`,
    namespace: host.namespace,
    command: process.execPath,
    args: typescriptArgs("apps/cli/src/main.ts", ...args),
    cwd,
    env,
  });
}

/** Runs the CLI to its end in the host's namespace; its exit code and output. */
export async function runCliOnHost(
  host: NetworkHost,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const run = startCliOnHost(host, args, env);
  const { code } = await run.exited;
  return { code, output: run.output() };
}

/** The settings every index process of the cluster shares, for one host and its folders. */
export function indexHostEnv(
  cluster: IndexHostEnv,
  host: NetworkHost,
  dirs: { indexDir: string; logDir: string },
): Record<string, string> {
  mkdirSync(dirs.logDir, { recursive: true });
  return {
    REDIS_URL: cluster.redisUrl,
    QUEUE_PREFIX: cluster.prefix,
    CLUSTER_TOKEN: cluster.token,
    HOST_NAME: host.name,
    INDEX_DIR: dirs.indexDir,
    LOG_DIR: dirs.logDir,
    LOG_LEVEL: "info",
    INDEX_SYNC_METRICS_PORT: "0",
  };
}

/** `index serve` on the publisher host, listening on its cluster address only. */
export async function startGenerationServer(host: NetworkHost, env: Record<string, string>): Promise<HostProcess> {
  const server = startCliOnHost(host, ["index", "serve"], {
    ...env,
    GENERATION_SERVER_LISTEN: `${host.address}:${GENERATION_SERVER_PORT}`,
  });
  await waitForPort(host.address, GENERATION_SERVER_PORT, {
    what: `the generation server on ${host.name}`,
    timeoutMs: 60_000,
    gaveUp: () => (server.running() ? undefined : server.output()),
  });
  return server;
}

/** `index follow` on a bot host, following the publisher at `publisher`. */
export function startIndexFollower(
  host: NetworkHost,
  publisher: NetworkHost,
  env: Record<string, string>,
  syncSeconds: number,
): HostProcess {
  return startCliOnHost(host, ["index", "follow"], {
    ...env,
    GENERATION_SOURCE_URL: `http://${publisher.address}:${GENERATION_SERVER_PORT}`,
    INDEX_SYNC_SECONDS: String(syncSeconds),
  });
}

/**
 * The ingest worker on a host, with the books folder and INDEX_DIR at the same paths as on
 * every other worker host (docs/worker.md: a shared disk such as NFS; here the one machine's
 * disk stands in for it). Resolves once it takes jobs.
 */
export async function startWorkerOnHost(
  host: NetworkHost,
  env: Record<string, string>,
  launcher?: string[],
): Promise<HostProcess> {
  const worker = startHostProcess({
    ...(launcher ? { launcher } : {}),
    name: `${host.name}: worker`,
    namespace: host.namespace,
    command: process.execPath,
    args: typescriptArgs("apps/worker/src/main.ts"),
    cwd: repoRoot,
    // At info: readiness is read from its "takes jobs" line.
    env: { WORKER_METRICS_PORT: "0", INGEST_CONCURRENCY: "1", ...env, LOG_LEVEL: "info" },
  });
  const deadline = Date.now() + 60_000;
  while (!worker.output().includes("берёт задания индексации")) {
    if (!worker.running() || Date.now() > deadline)
      throw new Error(`the worker on ${host.name} did not start taking jobs:\n${worker.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return worker;
}

/** The bot on this host has switched to generation `id` (its log says so once it serves it). */
export const botServes = (bot: BotHost, id: string): boolean =>
  bot.log().includes(`Индекс обновлён без перезапуска: поколение ${id} `);
