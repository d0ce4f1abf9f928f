// The bot's outgoing path against the Bot API stand-in: 429s are waited out for exactly as
// long as Telegram asks, HTML that Telegram refuses is resent as plain text, a chat's
// messages arrive in order, and an edit that changes nothing is not an error.
import { createLogger } from "@ai-library/shared/logging";
import { startTelegramStandin, type TelegramStandin } from "@ai-library/standins/telegram";
import { Telegram } from "telegraf";
import { afterEach, describe, expect, it } from "vitest";
import { createStreamEditor } from "../../src/answering/stream-editor.js";
import { defaultRetryPolicy } from "../../src/telegram/retry-telegram-call.js";
import { createTelegramChatSender } from "../../src/telegram/telegram-chat-sender.js";

const logger = createLogger({
  service: "bot-test",
  level: "error",
  dir: "/tmp/ai-library-bot-test-logs",
  console: false,
});
const alice = { id: 501, firstName: "Alice" };
let standin: TelegramStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function setup() {
  standin = await startTelegramStandin();
  standin.sendText(alice, "hi");
  const retries: string[] = [];
  const fallbacks: number[] = [];
  const sender = createTelegramChatSender({
    telegram: new Telegram(standin.token, { apiRoot: standin.apiRoot }),
    logger,
    retry: defaultRetryPolicy(logger, (reason) => retries.push(reason)),
    onPlainFallback: () => fallbacks.push(1),
  });
  return { standin, sender, retries, fallbacks };
}

describe("Telegram chat sender", () => {
  it("waits retry_after seconds after a 429 and then delivers, keeping the chat's order", async () => {
    const { standin, sender, retries } = await setup();
    standin.failNext("sendMessage", { kind: "flood", retryAfterSeconds: 1 });
    const started = Date.now();
    await Promise.all([sender.send(alice.id, { html: "первое" }), sender.send(alice.id, { html: "второе" })]);
    const calls = standin.callsOf("sendMessage");
    expect(calls.map((call) => call.status)).toEqual([429, 200, 200]);
    // The retry came no sooner than Telegram allowed.
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(standin.sentMessages(alice.id).map((message) => message.text)).toEqual(["первое", "второе"]);
    expect(retries).toEqual(["flood"]);
  });

  it("resends as plain text when Telegram refuses the HTML entities", async () => {
    const { standin, sender, fallbacks } = await setup();
    await sender.send(alice.id, { html: "<b>Ответ</b> &amp; <i>цитата" });
    const [message] = standin.sentMessages(alice.id);
    expect(message?.text).toBe("Ответ & цитата");
    expect(message?.parseMode).toBeUndefined();
    expect(fallbacks).toHaveLength(1);
  });

  it("keeps inline buttons when falling back to plain text", async () => {
    const { standin, sender } = await setup();
    standin.failNext("sendMessage", { kind: "bad_entities" });
    await sender.send(alice.id, { html: "<b>ok</b>", buttons: [[{ text: "Цитата [1]", callbackData: "src:abc" }]] });
    const [message] = standin.sentMessages(alice.id);
    expect(message?.replyMarkup?.inline_keyboard[0]?.[0]?.callback_data).toBe("src:abc");
  });

  it("treats an edit to the same text as done, and gives up on other 400s", async () => {
    const { standin, sender } = await setup();
    const { messageId } = await sender.send(alice.id, { html: "текст" });
    await expect(sender.edit(alice.id, messageId, { html: "текст" })).resolves.toBeUndefined();
    await expect(sender.edit(alice.id, 9999, { html: "x" })).rejects.toThrow(/message to edit not found/);
    expect(standin.sentMessages(alice.id)).toHaveLength(1);
  });

  it("streams a growing answer with edits no closer together than the interval", async () => {
    const { standin, sender } = await setup();
    const { messageId } = await sender.send(alice.id, { html: "…" });
    const editor = createStreamEditor(sender, alice.id, messageId, 200);
    let text = "";
    for (let i = 0; i < 40; i++) {
      text += `слово${i} `;
      editor.push(text);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await editor.finish();
    const edits = standin.callsOf("editMessageText");
    expect(edits.length).toBeGreaterThanOrEqual(3);
    expect(edits.length).toBeLessThanOrEqual(7);
    for (let i = 1; i < edits.length; i++)
      expect((edits[i]?.at ?? 0) - (edits[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(190);
    expect(standin.sentMessages(alice.id)[0]?.text.startsWith("слово0 слово1")).toBe(true);
  });
});
