// Webhook mode (WEBHOOK_URL set): Telegram posts updates to WEBHOOK_URL; Telegraf's server
// listens on WEBHOOK_PORT and drops any request without the X-Telegram-Bot-Api-Secret-Token
// header equal to WEBHOOK_SECRET (403), so nobody else can inject updates.
import type { Telegraf } from "telegraf";

export interface WebhookOptions {
  url: string;
  port: number;
  secret: string;
  onStarted: () => void;
}

export async function runWebhook(bot: Telegraf, options: WebhookOptions): Promise<void> {
  const url = new URL(options.url);
  await bot.launch(
    {
      webhook: {
        domain: url.host,
        path: url.pathname === "" ? "/" : url.pathname,
        port: options.port,
        secretToken: options.secret,
      },
    },
    options.onStarted,
  );
}
