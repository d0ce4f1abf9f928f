// The bot under Telegram's failure modes and hostile input: a 409 at start (another poller),
// 429 with retry_after, HTML refused by Telegram, 500 hostile updates — with zero crashes —
// and a clean exit on SIGTERM. The token never appears in any output.
import type { SentMessage, TgUpdate } from "@ai-library/standins/telegram";
import { groupChat } from "@ai-library/standins/telegram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scenario, startScenario } from "./scenario.js";
import { LIGHTHOUSE_TITLE } from "./test-library.js";

let scenario: Scenario;

beforeAll(async () => {
  scenario = await startScenario({
    // This bot searches in its own thread (the other suites use the default search process).
    env: { BOT_SEARCH_PROCESS: "false" },
    // The first getUpdates meets "another instance is polling": the bot must log it and carry on.
    beforeStart: (standin) => standin.failNext("getUpdates", { kind: "conflict" }),
    ready: (standin) => standin.callsOf("getUpdates").filter((call) => call.status !== 409).length > 0,
  });
});
afterAll(async () => {
  await scenario?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FAILURE_TEXT = "при ответе произошла ошибка";

describe("Telegram failures", () => {
  it("logs a 409 conflict as a deployment error and keeps polling", async () => {
    expect(scenario.bot.log()).toMatch(/ERROR \[bot\] Ошибка развёртывания: Telegram ответил 409 Conflict/);
    const [answer] = await scenario.ask({ id: 401, languageCode: "ru" }, "Кто зажигал огонь маяка?");
    expect(answer?.text).toContain(LIGHTHOUSE_TITLE);
  });

  it("waits out a 429 for retry_after seconds and delivers the answer once", async () => {
    const user = { id: 402, languageCode: "ru" };
    scenario.standin.failNext("sendMessage", { kind: "flood", retryAfterSeconds: 2 });
    const [answer] = await scenario.ask(user, "Кто зажигал огонь маяка?");
    expect(answer?.text).toContain(LIGHTHOUSE_TITLE);
    const attempts = scenario.standin.callsOf("sendMessage").filter((call) => call.params.chat_id === user.id);
    expect(attempts.map((call) => call.status)).toEqual([429, 200]);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    await sleep(300);
    expect(scenario.standin.sentMessages(user.id)).toHaveLength(1);
  });

  it("resends as plain text when Telegram cannot parse the HTML", async () => {
    const user = { id: 403, languageCode: "ru" };
    scenario.standin.failNext("sendMessage", { kind: "bad_entities" });
    const [answer] = await scenario.ask(user, "Кто зажигал огонь маяка?");
    expect(answer?.parseMode).toBeUndefined();
    expect(answer?.text).toContain(`Источники:\n[1] ${LIGHTHOUSE_TITLE}`);
    const listed = answer?.text.match(/^\[\d+\] /gm) ?? [];
    expect(answer?.replyMarkup?.inline_keyboard.flat()).toHaveLength(listed.length);
  });
});

/** 500 updates a bot meets in the wild, from 50 users. */
function hostileUpdates(scenario: Scenario, botMessage: SentMessage): number {
  const odd = [
    "\u202eКто зажигал огонь?\u202c",
    "М\u0336а\u0336я\u0336к\u0336",
    "👨‍👩‍👧‍👦🏳️‍🌈 маяк?",
    "\u200b\u200c\u200d\ufeff",
    "ﷺ ﷽ 𒐫 𝔐𝔞𝔶𝔞𝔨",
    "\ud800 одинокий суррогат",
    "<b>не тег</b> &amp; <script>alert(1)</script>",
    "   \n\n\t   ",
    "a".repeat(4096),
    "@library_test_bot",
  ];
  const group = groupChat(777, "Шумная группа");
  let sent = 0;
  for (let i = 0; i < 500; i++) {
    const user = { id: 5000 + (i % 50), languageCode: i % 3 === 0 ? "en" : "ru" };
    const kind = i % 10;
    if (kind === 0) scenario.standin.sendText(user, "я".repeat(5000 + i * 20));
    else if (kind === 1) scenario.standin.sendText(user, odd[i % odd.length] ?? "");
    else if (kind === 2)
      scenario.standin.sendText(user, ["/x", "/", "/start@other_bot", "/books extra args", "/UNKNOWN"][i % 5] ?? "/");
    else if (kind === 3) scenario.standin.sendSticker(user);
    else if (kind === 4) scenario.standin.sendPhoto(user, i % 2 ? "подпись к фото" : undefined);
    else if (kind === 5) scenario.standin.editText(user, scenario.standin.sendText(user, "маяк"), "маяк?!");
    else if (kind === 6) scenario.standin.channelPost({ id: 900, title: "Канал" }, `пост ${i}`);
    else if (kind === 7) {
      const data = ["", "src:", "books:999999", "books:-1", "src:x".repeat(12), "🙂"][i % 6] ?? "";
      const update: Omit<TgUpdate, "update_id"> = {
        callback_query: {
          id: `q${i}`,
          from: { id: user.id, is_bot: false, first_name: "U" },
          chat_instance: "c",
          data,
        },
      };
      if (i % 2) scenario.standin.pressButton(user, botMessage, data || "x");
      else scenario.standin.pushUpdate(update);
    } else if (kind === 8) scenario.standin.sendText(user, "болтовня без упоминания бота", { chat: group });
    else
      scenario.standin.pushUpdate({
        message: {
          message_id: 1,
          date: 0,
          chat: { id: user.id, type: "private" },
          from: { id: user.id, is_bot: true, first_name: "Bot" },
          text: "от другого бота",
        },
      });
    sent += 1;
  }
  return sent;
}

describe("hostile updates", () => {
  it("survives 500 hostile updates with zero crashes and keeps answering", async () => {
    const [answer] = await scenario.ask({ id: 404, languageCode: "ru" }, "Кто зажигал огонь маяка?");
    if (!answer) throw new Error("no answer to build button presses on");
    expect(hostileUpdates(scenario, answer)).toBe(500);
    await scenario.standin.waitFor(() => scenario.standin.pendingUpdates() === 0, {
      timeoutMs: 30_000,
      what: "the bot to take all 500 updates",
    });
    // Let the last replies go out: quiet for a second.
    let count = -1;
    while (count !== scenario.standin.calls.length) {
      count = scenario.standin.calls.length;
      await sleep(1000);
    }
    expect(scenario.bot.child.exitCode).toBeNull();
    const replies = scenario.standin
      .sentMessages()
      .filter((message) => message.chatId >= 5000 && message.chatId < 5050);
    expect(replies.length).toBeGreaterThan(50);
    expect(replies.filter((message) => message.text.includes(FAILURE_TEXT))).toEqual([]);
    expect(scenario.standin.sentMessages(-777)).toEqual([]);
    expect(scenario.standin.sentMessages(-900)).toEqual([]);
    const errors = scenario.bot
      .log()
      .split("\n")
      .filter((line) => / ERROR \[bot\]/.test(line) && !line.includes("409 Conflict"));
    expect(errors).toEqual([]);
    const [after] = await scenario.ask({ id: 405, languageCode: "ru" }, "Кто зажигал огонь маяка?");
    expect(after?.text).toContain(LIGHTHOUSE_TITLE);
  });
});

describe("shutdown", () => {
  it("stops polling and exits 0 on SIGTERM, and never prints the token", async () => {
    const { code, signal } = await scenario.bot.stop("SIGTERM");
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const log = scenario.bot.log();
    expect(log).toContain("Бот останавливается: signal");
    const secret = scenario.standin.token.split(":")[1] ?? "";
    expect(log).not.toContain(secret);
    expect(scenario.bot.output()).not.toContain(secret);
  });
});
