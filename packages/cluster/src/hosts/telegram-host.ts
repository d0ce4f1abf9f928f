// Starts the Telegram host (telegram-host-main.ts in its namespace) and talks to it over IPC:
// the test asks it to run a load of users, to report progress, and to count answers per chat.
import { join } from "node:path";
import type { NetworkHost } from "../net/cluster-network.js";
import { type HostProcess, startHostProcess } from "./host-process.js";
import type {
  ChatCounts,
  LoadReport,
  LoadRequest,
  ProgressReport,
  TelegramCommand,
  TelegramHostMessage,
} from "./telegram-protocol.js";
import { typescriptArgs } from "./typescript-entry.js";

const mainFile = join(import.meta.dirname, "telegram-host-main.ts");

export const TELEGRAM_PORT = 8081;

export interface TelegramHostOptions {
  host: NetworkHost;
  /** nginx's webhook URL. */
  webhookTarget: string;
  secret: string;
  /** Telegram's max_connections (40 by default). */
  maxConnections?: number;
  /** Pause before an update not answered 200 is posted again. */
  retryDelayMs?: number;
  launcher?: string[];
}

export interface TelegramHost {
  /** TELEGRAM_API_ROOT for the bots. */
  apiRoot: string;
  token: string;
  process: HostProcess;
  runLoad(request: LoadRequest): Promise<LoadReport>;
  progress(): Promise<ProgressReport>;
  chatCounts(): Promise<ChatCounts>;
  /** How many setWebhook calls the bots made (one per bot start). */
  webhookCalls(): Promise<number>;
}

export async function startTelegramHost(options: TelegramHostOptions): Promise<TelegramHost> {
  const process = startHostProcess({
    name: "telegram",
    namespace: options.host.namespace,
    command: globalThis.process.execPath,
    args: typescriptArgs(mainFile),
    env: {
      TELEGRAM_HOST_ADDRESS: options.host.address,
      TELEGRAM_HOST_PORT: String(TELEGRAM_PORT),
      WEBHOOK_TARGET: options.webhookTarget,
      WEBHOOK_SECRET: options.secret,
      WEBHOOK_MAX_CONNECTIONS: String(options.maxConnections ?? 40),
      WEBHOOK_RETRY_DELAY_MS: String(options.retryDelayMs ?? 1_000),
    },
    ...(options.launcher ? { launcher: options.launcher } : {}),
    ipc: true,
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<{ apiRoot: string; token: string }>((resolve, reject) => {
    process.child.on("message", (message: TelegramHostMessage) => {
      if (message.kind === "ready") resolve(message);
      else if (message.kind === "reply") pending.get(message.id)?.resolve(message.result);
      else pending.get(message.id)?.reject(new Error(`Telegram host: ${message.message}`));
      if (message.kind !== "ready") pending.delete(message.id);
    });
    void process.exited.then(() => {
      const error = new Error(`the Telegram host exited:\n${process.output()}`);
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
    });
  });
  const { apiRoot, token } = await ready;
  const call = <T>(command: TelegramCommand) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: (value) => resolve(value as T), reject });
      process.child.send({ id, command });
    });
  return {
    apiRoot,
    token,
    process,
    runLoad: (request) => call<LoadReport>({ kind: "load", request }),
    progress: () => call<ProgressReport>({ kind: "progress" }),
    chatCounts: () => call<ChatCounts>({ kind: "chat-counts" }),
    webhookCalls: () => call<number>({ kind: "webhook-calls" }),
  };
}
