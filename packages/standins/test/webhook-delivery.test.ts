// Telegram's webhook retries, as the stand-in plays them: an update not answered with 200 is
// posted again until it is; no more than max_connections updates are in flight; the secret
// header goes with every post.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createWebhookDelivery } from "../src/telegram/index.js";

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function webhook(answer: (request: IncomingMessage, body: string) => Promise<number>): Promise<string> {
  const listening = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", async () => {
      response.writeHead(await answer(request, body));
      response.end();
    });
  });
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/hook`;
}

describe("webhook delivery with Telegram's retries", () => {
  it("posts an update again until it is answered with 200, with the secret each time", async () => {
    const statuses = [502, 503, 200];
    const secrets: unknown[] = [];
    const url = await webhook(async (request) => {
      secrets.push(request.headers["x-telegram-bot-api-secret-token"]);
      return statuses.shift() ?? 200;
    });
    const delivery = createWebhookDelivery({ url, secret: "s3cret", retryDelayMs: 10 });
    const record = await delivery.deliver({ update_id: 5 });
    expect(record.statuses).toEqual([502, 503, 200]);
    expect(record.deliveredAt).toBeDefined();
    expect(secrets).toEqual(["s3cret", "s3cret", "s3cret"]);
    delivery.close();
  });

  it("retries a refused connection and keeps at most max_connections updates in flight", async () => {
    let open = 0;
    let most = 0;
    const url = await webhook(async () => {
      most = Math.max(most, ++open);
      await new Promise((resolve) => setTimeout(resolve, 20));
      open--;
      return 200;
    });
    const delivery = createWebhookDelivery({ url, secret: "s", maxConnections: 3, retryDelayMs: 10 });
    const records = await Promise.all(Array.from({ length: 12 }, (_, n) => delivery.deliver({ update_id: n })));
    expect(records.every((record) => record.statuses.at(-1) === 200)).toBe(true);
    expect(most).toBe(3);
    delivery.close();

    // Nothing listens on port 1: every attempt fails (status 0) until the delivery is closed.
    const nowhere = createWebhookDelivery({ url: "http://127.0.0.1:1/hook", secret: "s", retryDelayMs: 10 });
    const pending = nowhere.deliver({ update_id: 99 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    nowhere.close();
    const failed = await pending;
    expect(failed.statuses.length).toBeGreaterThan(1);
    expect(new Set(failed.statuses)).toEqual(new Set([0]));
    expect(failed.deliveredAt).toBeUndefined();
  });
});
