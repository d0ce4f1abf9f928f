// Telegram's side of a webhook: each update is POSTed to the webhook URL with the secret
// header, at most `maxConnections` at a time (Telegram's max_connections, 40 by default), and
// POSTed again after a pause for as long as the answer is not HTTP 200 — a refused connection,
// a 502 from the load balancer, a 503 or a timeout all count as "not delivered". That retry is
// what lets a crashed bot replica lose no update: whatever it had not acknowledged comes back.
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { TgUpdate } from "./types.js";

export interface WebhookDeliveryOptions {
  /** The webhook URL (http or https), e.g. the load balancer's https://10.231.7.5:8443/telegram/webhook */
  url: string;
  /** Sent as X-Telegram-Bot-Api-Secret-Token. */
  secret: string;
  /** Updates in flight at once (Telegram's max_connections). */
  maxConnections?: number;
  /** Pause before a failed delivery is tried again. */
  retryDelayMs?: number;
  /** A delivery with no answer after this long counts as failed (and is retried). */
  timeoutMs?: number;
  /** Accept a self-signed certificate (tests: nginx with a throwaway certificate). */
  insecureTls?: boolean;
}

/** How one update's delivery went: every attempt's HTTP status (0 = no HTTP answer). */
export interface DeliveryRecord {
  updateId: number;
  statuses: number[];
  deliveredAt?: number;
}

export interface WebhookDelivery {
  /** Resolves once the webhook answered this update with 200 (after any retries). */
  deliver(update: TgUpdate): Promise<DeliveryRecord>;
  records(): DeliveryRecord[];
  /** Stops retrying; pending deliveries resolve undelivered. */
  close(): void;
}

export function createWebhookDelivery(options: WebhookDeliveryOptions): WebhookDelivery {
  const url = new URL(options.url);
  const maxConnections = options.maxConnections ?? 40;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const secure = url.protocol === "https:";
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: maxConnections, rejectUnauthorized: !options.insecureTls })
    : new HttpAgent({ keepAlive: true, maxSockets: maxConnections });
  const records: DeliveryRecord[] = [];
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  let closed = false;

  const slot = async () => {
    while (inFlight >= maxConnections) await new Promise<void>((wake) => waiting.push(wake));
    inFlight++;
  };
  const freeSlot = () => {
    inFlight--;
    waiting.shift()?.();
  };

  const post = (body: string) =>
    new Promise<number>((resolve) => {
      const send = secure ? httpsRequest : httpRequest;
      const request = send(
        url,
        {
          method: "POST",
          agent,
          timeout: timeoutMs,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "x-telegram-bot-api-secret-token": options.secret,
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
          response.on("error", () => resolve(0));
        },
      );
      request.on("timeout", () => request.destroy(new Error("timeout")));
      request.on("error", () => resolve(0));
      request.end(body);
    });

  return {
    async deliver(update) {
      const record: DeliveryRecord = { updateId: update.update_id, statuses: [] };
      records.push(record);
      const body = JSON.stringify(update);
      while (!closed) {
        await slot();
        const status = await post(body).finally(freeSlot);
        record.statuses.push(status);
        if (status === 200) {
          record.deliveredAt = Date.now();
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
      return record;
    },
    records: () => records,
    close() {
      closed = true;
      agent.destroy();
      for (const wake of waiting.splice(0)) wake();
    },
  };
}
