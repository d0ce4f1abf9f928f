// A bot host: the real bot (apps/bot/src/main.ts under tsx) in webhook mode, in its own
// namespace, with its own data folder (INDEX_DIR, logs) — no disk shared with other hosts —
// reaching Redis and Telegram only over the cluster network.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { NetworkHost } from "../net/cluster-network.js";
import { waitForPort } from "../net/wait-for-port.js";
import { type HostProcess, startHostProcess } from "./host-process.js";
import { typescriptArgs } from "./typescript-entry.js";

export const BOT_WEBHOOK_PORT = 8081;

export interface BotHostOptions {
  host: NetworkHost;
  /** This host's own folder: index/, logs/. */
  dataDir: string;
  /** The cluster-wide part of the environment (token, Telegram, Redis, prefix, webhook). */
  env: Record<string, string>;
  launcher?: string[];
}

export interface BotHost {
  host: NetworkHost;
  /** This host's own folder (a later sync process for this host keeps its files here too). */
  dataDir: string;
  indexDir: string;
  /** host:port, as nginx's upstream line names it. */
  upstream: string;
  /** The bot process last started. */
  readonly process: HostProcess;
  /** Text of the bot's log files. */
  log(): string;
  /** Starts the bot (again, after a kill): same host, same data folder. */
  start(): Promise<void>;
}

export function botHost(options: BotHostOptions): BotHost {
  const indexDir = join(options.dataDir, "index");
  const logDir = join(options.dataDir, "logs");
  mkdirSync(logDir, { recursive: true });
  let current: HostProcess | undefined;
  return {
    host: options.host,
    dataDir: options.dataDir,
    indexDir,
    upstream: `${options.host.address}:${BOT_WEBHOOK_PORT}`,
    get process() {
      if (!current) throw new Error(`the bot on ${options.host.name} was never started`);
      return current;
    },
    log: () =>
      readdirSync(logDir)
        .map((name) => readFileSync(join(logDir, name), "utf8"))
        .join(""),
    async start() {
      const process = startHostProcess({
        name: options.host.name,
        namespace: options.host.namespace,
        command: globalThis.process.execPath,
        args: typescriptArgs("apps/bot/src/main.ts"),
        cwd: options.dataDir,
        env: {
          ...options.env,
          INDEX_DIR: indexDir,
          LOG_DIR: logDir,
          WEBHOOK_PORT: String(BOT_WEBHOOK_PORT),
        },
        ...(options.launcher ? { launcher: options.launcher } : {}),
      });
      current = process;
      await waitForPort(options.host.address, BOT_WEBHOOK_PORT, {
        what: `the bot on ${options.host.name}`,
        timeoutMs: 60_000,
        gaveUp: () => (process.running() ? undefined : process.output()),
      });
    },
  };
}
