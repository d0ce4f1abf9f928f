// Protocol tests: Telegraf (the client the bot uses) must talk to the stand-in exactly as
// it talks to Telegram, and the stand-in must refuse what Telegram refuses.
import { Telegraf, Telegram, TelegramError } from "telegraf";
import { afterEach, describe, expect, it } from "vitest";
import { groupChat, startTelegramStandin, type TelegramStandin } from "../src/telegram/index.js";

let standin: TelegramStandin | undefined;
const bots: Telegraf[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) bot.stop("test over");
  await standin?.close();
  standin = undefined;
});

const alice = { id: 1001, firstName: "Alice", languageCode: "ru" };

async function setup() {
  standin = await startTelegramStandin();
  const telegram = new Telegram(standin.token, { apiRoot: standin.apiRoot });
  // A chat exists once its user has written to the bot, as with the real API.
  standin.sendText(alice, "hi");
  return { standin, telegram };
}

async function apiError(promise: Promise<unknown>): Promise<TelegramError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TelegramError)) throw new Error(`expected a TelegramError, got ${String(error)}`);
  return error;
}

describe("Telegram stand-in: sending messages", () => {
  it("accepts valid HTML and records what the user sees", async () => {
    const { standin, telegram } = await setup();
    const sent = await telegram.sendMessage(alice.id, "<b>Ответ</b> &lt;1&gt; &amp; «цитата» &#8212; <i>ok</i>", {
      parse_mode: "HTML",
    });
    expect(sent.message_id).toBeGreaterThan(1);
    const [message] = standin.sentMessages(alice.id);
    expect(message?.text).toBe("Ответ <1> & «цитата» — ok");
    expect(message?.raw).toContain("<b>Ответ</b>");
  });

  it.each([
    ["an unclosed tag", "<b>bold"],
    ["a mismatched end tag", "<b>bold</i>"],
    ["an unsupported tag", "line<br>break"],
    ["a bare less-than sign", "2 < 3"],
    ["a span that is not a spoiler", '<span class="x">a</span>'],
  ])("refuses HTML with %s, as Telegram does", async (_name, text) => {
    const { standin, telegram } = await setup();
    const error = await apiError(telegram.sendMessage(alice.id, text, { parse_mode: "HTML" }));
    expect(error.code).toBe(400);
    expect(error.description).toMatch(/can't parse entities/);
    expect(standin.sentMessages(alice.id)).toHaveLength(0);
  });

  it("applies the 4096-character limit to the visible text, not the HTML source", async () => {
    const { telegram } = await setup();
    const visible4096 = `<b>${"&amp;".repeat(4096)}</b>`;
    await expect(telegram.sendMessage(alice.id, visible4096, { parse_mode: "HTML" })).resolves.toBeTruthy();
    const error = await apiError(telegram.sendMessage(alice.id, "я".repeat(4097)));
    expect(error.description).toBe("Bad Request: message is too long");
    expect((await apiError(telegram.sendMessage(alice.id, "   "))).description).toBe(
      "Bad Request: message text is empty",
    );
  });

  it("refuses callback data over 64 bytes and unknown chats", async () => {
    const { telegram } = await setup();
    const markup = { inline_keyboard: [[{ text: "src", callback_data: "ж".repeat(33) }]] };
    const error = await apiError(telegram.sendMessage(alice.id, "x", { reply_markup: markup }));
    expect(error.description).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect((await apiError(telegram.sendMessage(424242, "x"))).description).toBe("Bad Request: chat not found");
  });

  it("edits a message in place and refuses an edit that changes nothing", async () => {
    const { standin, telegram } = await setup();
    const sent = await telegram.sendMessage(alice.id, "черновик");
    await telegram.editMessageText(alice.id, sent.message_id, undefined, "готово");
    const [message] = standin.sentMessages(alice.id);
    expect(message).toMatchObject({ text: "готово", edits: 1 });
    const error = await apiError(telegram.editMessageText(alice.id, sent.message_id, undefined, "готово"));
    expect(error.description).toMatch(/message is not modified/);
    expect((await apiError(telegram.editMessageText(alice.id, 999, undefined, "x"))).description).toBe(
      "Bad Request: message to edit not found",
    );
  });

  it("rejects a wrong token with 401", async () => {
    const { standin } = await setup();
    const stranger = new Telegram("999:wrong-token", { apiRoot: standin.apiRoot });
    expect((await apiError(stranger.getMe())).code).toBe(401);
  });
});

describe("Telegram stand-in: scripted faults", () => {
  it("fails the next calls of one method with 429 and retry_after, then recovers", async () => {
    const { standin, telegram } = await setup();
    standin.failNext("sendMessage", { kind: "flood", retryAfterSeconds: 3 }, 2);
    for (let i = 0; i < 2; i++) {
      const error = await apiError(telegram.sendMessage(alice.id, "x"));
      expect(error.code).toBe(429);
      expect(error.parameters?.retry_after).toBe(3);
    }
    await expect(telegram.sendMessage(alice.id, "x")).resolves.toBeTruthy();
    expect(standin.callsOf("sendMessage").map((call) => call.status)).toEqual([429, 429, 200]);
  });

  it("scripts 400 entity errors, 409 conflicts and 500s", async () => {
    const { standin, telegram } = await setup();
    standin.failNext("sendMessage", { kind: "bad_entities" });
    standin.failNext("getUpdates", { kind: "conflict" });
    standin.failNext("getMe", { kind: "server_error" });
    expect((await apiError(telegram.sendMessage(alice.id, "plain"))).description).toMatch(/can't parse entities/);
    expect((await apiError(telegram.getUpdates(0, 100, 0, undefined))).code).toBe(409);
    expect((await apiError(telegram.getMe())).code).toBe(500);
  });
});

describe("Telegram stand-in: updates and long polling", () => {
  it("delivers user messages to a polling Telegraf bot, which answers them", async () => {
    standin = await startTelegramStandin();
    const bot = new Telegraf(standin.token, { telegram: { apiRoot: standin.apiRoot } });
    bot.on("message", (ctx) => ctx.reply(`echo: ${"text" in ctx.message ? ctx.message.text : "?"}`));
    bots.push(bot);
    void bot.launch().catch(() => undefined);
    await standin.waitFor(() => standin?.callsOf("getUpdates").length, { what: "the first getUpdates" });
    standin.sendText(alice, "где маяк?");
    const reply = await standin.waitFor(() => standin?.sentMessages(alice.id)[0], { what: "the echo" });
    expect(reply.text).toBe("echo: где маяк?");
    await standin.waitFor(() => standin?.pendingUpdates() === 0, { what: "the offset to confirm the update" });
  });

  it("holds a long poll open until an update arrives", async () => {
    standin = await startTelegramStandin();
    const telegram = new Telegram(standin.token, { apiRoot: standin.apiRoot });
    const polling = telegram.getUpdates(30, 100, 0, undefined);
    await standin.waitFor(() => standin?.callsOf("getUpdates").length, { what: "the long poll" });
    standin.sendText(alice, "вопрос");
    const updates = await polling;
    expect(updates.map((update) => ("message" in update ? update.message.message_id : 0))).toEqual([1]);
  });

  it("ends an older long poll with 409 when a second poller appears", async () => {
    standin = await startTelegramStandin();
    const telegram = new Telegram(standin.token, { apiRoot: standin.apiRoot });
    const first = apiError(telegram.getUpdates(30, 100, 0, undefined));
    await standin.waitFor(() => standin?.callsOf("getUpdates").length, { what: "the first poll" });
    const second = telegram.getUpdates(0, 100, 0, undefined);
    expect((await first).description).toMatch(/terminated by other getUpdates request/);
    await expect(second).resolves.toEqual([]);
  });

  it("marks commands and mentions with entities and links replies in groups", async () => {
    const { standin, telegram } = await setup();
    const group = groupChat(5005, "Книжный клуб");
    standin.sendText(alice, "/start@library_test_bot", { chat: group });
    const botMessage = await telegram.sendMessage(group.id, "ответ");
    standin.sendText(alice, "спасибо, @library_test_bot!", { chat: group, replyTo: botMessage.message_id });
    const updates = await telegram.getUpdates(0, 100, 0, undefined);
    const messages = updates.flatMap((update) => ("message" in update ? [update.message] : []));
    const [, command, mention] = messages;
    expect(command && "entities" in command ? command.entities : []).toEqual([
      { type: "bot_command", offset: 0, length: 23 },
    ]);
    expect(mention && "entities" in mention ? mention.entities : []).toEqual([
      { type: "mention", offset: 9, length: 17 },
    ]);
    expect(mention && "reply_to_message" in mention ? mention.reply_to_message?.from?.username : "").toBe(
      "library_test_bot",
    );
    expect(mention?.chat.type).toBe("supergroup");
  });

  it("delivers button presses once and accepts one answer per callback query", async () => {
    const { standin, telegram } = await setup();
    await telegram.sendMessage(alice.id, "источники", {
      reply_markup: { inline_keyboard: [[{ text: "[1]", callback_data: "src:1" }]] },
    });
    const [sent] = standin.sentMessages(alice.id);
    if (!sent) throw new Error("no message");
    const queryId = standin.pressButton(alice, sent, "src:1");
    const updates = await telegram.getUpdates(0, 100, -1, undefined);
    const query = updates[0] && "callback_query" in updates[0] ? updates[0].callback_query : undefined;
    expect(query && "data" in query ? query.data : undefined).toBe("src:1");
    await expect(telegram.answerCbQuery(queryId, "ok")).resolves.toBe(true);
    expect((await apiError(telegram.answerCbQuery(queryId, "again"))).description).toMatch(/query ID is invalid/);
  });

  it("keeps non-text updates, edits and channel posts in their own update fields", async () => {
    const { standin, telegram } = await setup();
    const original = standin.sendText(alice, "первый вариант");
    standin.sendSticker(alice);
    standin.sendPhoto(alice, "подпись");
    standin.editText(alice, original, "второй вариант");
    standin.channelPost({ id: 777, title: "Канал" }, "пост");
    const updates = await telegram.getUpdates(0, 100, 0, undefined);
    const kinds = updates.map((update) => Object.keys(update).find((key) => key !== "update_id"));
    expect(kinds).toEqual(["message", "message", "message", "message", "edited_message", "channel_post"]);
    expect(updates.map((update) => update.update_id)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("refuses getUpdates while a webhook is set, and records the webhook secret", async () => {
    const { standin, telegram } = await setup();
    await telegram.setWebhook("https://bot.example/hook", { secret_token: "s3cr3t_token" });
    expect(standin.webhook()).toEqual({ url: "https://bot.example/hook", secretToken: "s3cr3t_token" });
    expect((await apiError(telegram.getUpdates(0, 100, 0, undefined))).code).toBe(409);
    await telegram.deleteWebhook();
    await expect(telegram.getUpdates(0, 100, 0, undefined)).resolves.toHaveLength(1);
  });

  it("stores command menus per language and refuses invalid commands", async () => {
    const { standin, telegram } = await setup();
    await telegram.setMyCommands([{ command: "books", description: "Список книг" }]);
    await telegram.setMyCommands([{ command: "books", description: "List of books" }], { language_code: "en" });
    expect(standin.commands()).toEqual([{ command: "books", description: "Список книг" }]);
    expect(standin.commands("en")?.[0]?.description).toBe("List of books");
    const error = await apiError(telegram.setMyCommands([{ command: "Bad-Command", description: "x" }]));
    expect(error.description).toBe("Bad Request: BOT_COMMAND_INVALID");
  });
});
