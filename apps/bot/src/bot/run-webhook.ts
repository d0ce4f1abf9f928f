// Webhook mode (WEBHOOK_URL set): Telegram posts updates to WEBHOOK_URL; this server listens on
// WEBHOOK_PORT and drops any request without the X-Telegram-Bot-Api-Secret-Token header equal
// to WEBHOOK_SECRET (403), so nobody else can inject updates. Our own server rather than
// Telegraf's, because the status code is the protocol with Telegram: 200 only once the update
// was handled (the bot awaits updates in this mode), 503 while another replica holds it — so
// that Telegram delivers again what a crashed or busy replica did not finish.
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { Logger } from "@ai-library/shared/logging";
import type { Telegraf } from "telegraf";
import type { Update } from "telegraf/types";
import { UpdateInProgressError } from "./create-bot.js";

export interface WebhookOptions {
  url: string;
  port: number;
  secret: string;
  logger: Logger;
  onStarted: () => void;
}

export interface RunningWebhook {
  /** Stops taking updates; requests in flight finish. */
  close(): void;
}

/** A Telegram update is a few kilobytes; nothing near this is one. */
const MAX_BODY_BYTES = 1024 * 1024;

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function runWebhook(bot: Telegraf, options: WebhookOptions): Promise<RunningWebhook> {
  const path = new URL(options.url).pathname || "/";
  bot.botInfo ??= await bot.telegram.getMe();
  const server = createServer(async (request, response) => {
    const status = await (async () => {
      if (new URL(request.url ?? "/", "http://webhook").pathname !== path) return 404;
      if (request.method !== "POST") return 405;
      if (!sameSecret(request.headers["x-telegram-bot-api-secret-token"], options.secret)) return 403;
      const body = await readBody(request).catch(() => undefined);
      if (body === undefined) return 413;
      let update: Update;
      try {
        update = JSON.parse(body) as Update;
      } catch {
        return 400;
      }
      try {
        await bot.handleUpdate(update);
        return 200;
      } catch (error) {
        if (error instanceof UpdateInProgressError) return 503;
        options.logger.error(`Webhook: обновление ${update.update_id} не обработано: ${(error as Error).message}`);
        return 500;
      }
    })();
    response.writeHead(status).end();
  });
  // nginx keeps upstream connections open (keepalive) up to 60 s: closing ours sooner races with
  // a request nginx is sending on it.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, () => resolve());
  });
  await bot.telegram.setWebhook(options.url, { secret_token: options.secret });
  options.onStarted();
  return {
    close() {
      server.close();
      server.closeIdleConnections();
    },
  };
}
