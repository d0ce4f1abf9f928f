// The send pacer keeps a busy bot under Telegram's limits: a burst wider than the global rate
// is spread over the next seconds, a group gets no more than its per-minute share, and private
// chats are paced only by the global rate. Calls are recorded by the Bot API stand-in.
import { createLogger } from "@ai-library/shared/logging";
import { groupChat, startTelegramStandin, type TelegramStandin } from "@ai-library/standins/telegram";
import { Telegram } from "telegraf";
import { afterEach, describe, expect, it } from "vitest";
import { defaultRetryPolicy } from "../../src/telegram/retry-telegram-call.js";
import { createSendPacer } from "../../src/telegram/send-pacer.js";
import { createTelegramChatSender } from "../../src/telegram/telegram-chat-sender.js";

const logger = createLogger({
  service: "bot-test",
  level: "error",
  dir: "/tmp/ai-library-bot-test-logs",
  console: false,
});
let standin: TelegramStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function pacedSender(perSecond: number, groupPerMinute: number) {
  standin = await startTelegramStandin();
  const delayed: string[] = [];
  const sender = createTelegramChatSender({
    telegram: new Telegram(standin.token, { apiRoot: standin.apiRoot }),
    logger,
    retry: defaultRetryPolicy(logger),
    pacer: createSendPacer({ perSecond, groupPerMinute, onDelay: (scope) => delayed.push(scope) }),
  });
  return { standin, sender, delayed };
}

describe("send pacer", () => {
  it("spreads a burst to many chats over time instead of exceeding the global rate, losing nothing", async () => {
    const { standin, sender, delayed } = await pacedSender(5, 20);
    const users = Array.from({ length: 12 }, (_, index) => ({ id: 900 + index, firstName: `U${index}` }));
    for (const user of users) standin.sendText(user, "hi");
    await Promise.all(users.map((user) => sender.send(user.id, { html: `ответ для ${user.id}` })));
    const calls = standin.callsOf("sendMessage");
    expect(calls).toHaveLength(12);
    expect(calls.every((call) => call.status === 200)).toBe(true);
    // 12 calls at 5 a second: the last batch may not leave before two seconds have passed
    // (measured where the stand-in received them; a little slack for the network's jitter).
    const times = calls.map((call) => call.at);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(1800);
    for (const user of users) {
      expect(standin.sentMessages(user.id).map((message) => message.text)).toEqual([`ответ для ${user.id}`]);
    }
    expect(delayed.filter((scope) => scope === "global")).toHaveLength(7);
  });

  it("holds a group to its per-minute share while a private chat still gets through", async () => {
    const { standin, sender, delayed } = await pacedSender(30, 3);
    const group = -100_777;
    const alice = { id: 501, firstName: "Alice" };
    standin.sendText(alice, "hi");
    standin.sendText(alice, "всем привет", { chat: groupChat(group) });
    const groupSends = [1, 2, 3, 4].map((n) => sender.send(group, { html: `в группу ${n}` }));
    // The fourth group message must wait for the minute window; Alice's reply must not.
    await sender.send(alice.id, { html: "лично" });
    await Promise.all(groupSends.slice(0, 3));
    expect(standin.callsOf("sendMessage").filter((call) => call.status === 200)).toHaveLength(4);
    expect(delayed.filter((scope) => scope === "group")).toHaveLength(1);
    expect(standin.sentMessages(alice.id).map((message) => message.text)).toEqual(["лично"]);
    // Let the held message go by closing the test without waiting a minute: it stays queued.
    void groupSends[3]?.catch(() => undefined);
  });
});
