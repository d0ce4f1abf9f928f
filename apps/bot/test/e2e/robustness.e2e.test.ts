// The bot under Telegram's failure modes: a 409 at start (another poller), 429 with
// retry_after, HTML refused by Telegram, and a clean exit on SIGTERM. The token never appears
// in any output. (Hostile updates: the 1000-update fuzzer in packages/reliability/test/security.)
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
    const quoteButtons = answer?.replyMarkup?.inline_keyboard
      .flat()
      .filter((button) => button.text.startsWith("Цитата"));
    expect(quoteButtons).toHaveLength(listed.length);
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
