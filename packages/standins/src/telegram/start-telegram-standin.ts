// A local HTTP server that speaks the Telegram Bot API methods the bot uses, so the real
// bot process can run against it (TELEGRAM_API_ROOT) with no internet. Tests inject updates
// as users would (messages, button presses, stickers, edits, channel posts, group chats),
// read what the bot sent, and script faults: 429 with retry_after, 400 entities, 409, 500.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BotApiError, badEntitiesError, conflictError, floodError } from "./api-error.js";
import { findMethod, type StandinState } from "./bot-api-methods.js";
import { ChatLog } from "./chat-log.js";
import { readParams } from "./read-params.js";
import type {
  BotCommandEntry,
  RecordedCall,
  SentMessage,
  TelegramFault,
  TelegramStandinOptions,
  WebhookState,
} from "./types.js";
import { UpdateQueue } from "./update-queue.js";
import { createUserActions, type UserActions } from "./user-actions.js";

export const STANDIN_BOT_TOKEN = "123456789:AAStandinTokenForTestsOnly_0123456789";

export interface TelegramStandin extends UserActions {
  /** Pass as TELEGRAM_API_ROOT, e.g. http://127.0.0.1:41234 */
  apiRoot: string;
  token: string;
  botUsername: string;
  calls: RecordedCall[];
  callsOf(method: string): RecordedCall[];
  sentMessages(chatId?: number): SentMessage[];
  /** Commands registered with setMyCommands for a language code ("" = default list). */
  commands(languageCode?: string): BotCommandEntry[] | undefined;
  webhook(): WebhookState | undefined;
  /** Updates injected and not yet confirmed by the bot's getUpdates offset. */
  pendingUpdates(): number;
  /** The next `count` calls of `method` fail with `fault`. */
  failNext(method: string, fault: TelegramFault, count?: number): void;
  /** Calls `listener` with each message the bot sends (not edits); returns an unsubscribe. */
  onSent(listener: (message: SentMessage) => void): () => void;
  /** Polls `probe` every 20 ms until it returns something truthy; fails after `timeoutMs`. */
  waitFor<T>(probe: () => T | undefined | null | false, options?: { timeoutMs?: number; what?: string }): Promise<T>;
  close(): Promise<void>;
}

function faultError(fault: TelegramFault): BotApiError {
  if (fault.kind === "flood") return floodError(fault.retryAfterSeconds);
  if (fault.kind === "bad_entities") return badEntitiesError();
  if (fault.kind === "conflict") return conflictError();
  return new BotApiError(500, "Internal Server Error");
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  if (response.writableEnded || response.destroyed) return;
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

export async function startTelegramStandin(options: TelegramStandinOptions = {}): Promise<TelegramStandin> {
  const token = options.token ?? STANDIN_BOT_TOKEN;
  const host = options.host ?? "127.0.0.1";
  const botUsername = options.botUsername ?? "library_test_bot";
  const state: StandinState = {
    bot: {
      id: options.botId ?? Number(token.split(":")[0]),
      is_bot: true,
      first_name: "Library Bot",
      username: botUsername,
    },
    queue: new UpdateQueue(options.firstUpdateId),
    chats: new ChatLog(),
    commands: new Map(),
    webhook: undefined,
    callbackQueries: new Map(),
    knownChats: new Map(),
  };
  const calls: RecordedCall[] = [];
  const faults = new Map<string, TelegramFault[]>();

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://standin");
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!route || route[1] !== token) {
      reply(response, route ? 401 : 404, {
        ok: false,
        error_code: route ? 401 : 404,
        description: route ? "Unauthorized" : "Not Found",
      });
      return;
    }
    const method = route[2] ?? "";
    const call: RecordedCall = { method, params: {}, status: 0, at: Date.now() };
    calls.push(call);
    const closed = new AbortController();
    response.on("close", () => closed.abort());
    const finish = (status: number, body: unknown) => {
      call.status = status;
      reply(response, status, body);
    };
    readParams(request, url)
      .then(async (params) => {
        call.params = params;
        const fault = faults.get(method)?.shift();
        if (fault) throw faultError(fault);
        return findMethod(method)(params, state, closed.signal);
      })
      .then((result) => finish(200, { ok: true, result }))
      .catch((error: unknown) => {
        const apiError = error instanceof BotApiError ? error : new BotApiError(500, "Internal Server Error");
        call.error = apiError.description;
        // Telegram answers 5xx without a JSON envelope that clients rely on; Telegraf reads the status.
        finish(apiError.code, apiError.toBody());
      });
  });

  // Telegram keeps idle connections open for long; a short timeout here would race with
  // clients reusing a kept-alive socket and fail requests Telegram would have served.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const waitFor: TelegramStandin["waitFor"] = async (probe, { timeoutMs = 10_000, what = "condition" } = {}) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) {
        const recent = calls
          .slice(-8)
          .map((call) => `${call.method}→${call.status}${call.error ? ` (${call.error})` : ""}`);
        throw new Error(
          `Timed out after ${timeoutMs} ms waiting for ${what}; last calls: ${recent.join(", ") || "none"}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  return {
    apiRoot: `http://${host}:${port}`,
    token,
    botUsername,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    sentMessages: (chatId) => state.chats.sentMessages(chatId),
    commands: (languageCode = "") => state.commands.get(languageCode),
    webhook: () => state.webhook,
    pendingUpdates: () => state.queue.pending,
    failNext(method, fault, count = 1) {
      const list = faults.get(method) ?? [];
      for (let i = 0; i < count; i++) list.push(fault);
      faults.set(method, list);
    },
    onSent(listener) {
      state.chats.events.on("sent", listener);
      return () => state.chats.events.off("sent", listener);
    },
    waitFor,
    ...createUserActions(state),
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.queue.release();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
