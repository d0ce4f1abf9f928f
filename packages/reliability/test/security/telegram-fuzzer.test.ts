// Issue #9, item 7: 1000 random and hostile updates (seeded; FUZZ_SEED=<n> replays a run)
// through the Telegram Bot API stand-in to the real bot process. Zero crashes, every reply
// well-formed as Telegram judges it, no reply carries another user's words or quotes, and the
// bot still answers a plain question afterwards.
import type { UserSpec } from "@ai-library/standins/telegram";
import { groupChat } from "@ai-library/standins/telegram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../../../apps/bot/src/i18n/en.js";
import { ru } from "../../../../apps/bot/src/i18n/ru.js";
import { LIGHTHOUSE_TITLE } from "../../../../apps/bot/test/e2e/test-library.js";
import { createSeededRandom, seedFromEnv } from "../support/seeded-random.js";
import { type Scenario, startSuiteScenario } from "../support/suite-scenario.js";
import { malformedCalls } from "../support/telegram-reply-checks.js";
import { waitForQuiet } from "../support/wait-for-quiet.js";
import { type FuzzWorld, type IssuedButton, sendHostileUpdate } from "./hostile-telegram-updates.js";

const UPDATES = 1000;
const seed = seedFromEnv();
const random = createSeededRandom(seed);
console.log(`Telegram fuzzer seed: ${seed} (FUZZ_SEED=${seed} pnpm test:reliability replays this run)`);

const users: UserSpec[] = Array.from({ length: 40 }, (_, i) => ({
  id: 7100 + i,
  ...(i % 3 === 0 ? {} : { languageCode: i % 3 === 1 ? "ru" : "en" }),
}));
const markerOf = (userId: number) => `юзер${userId}метка`;
const MARKER = /юзер(\d+)метка/g;
const QUOTE_HEADER = /^(Цитата|Quote) \[\d+\]/;

let scenario: Scenario;

beforeAll(async () => {
  // A per-user limit low enough that the fuzz meets it, so its refusals are checked too.
  scenario = await startSuiteScenario("telegram-fuzzer", { env: { RATE_LIMIT_PER_MINUTE: "15" } });
});
afterAll(async () => {
  await scenario?.close();
});

/** Every user asks once, so each has a private chat and quote buttons to misuse. */
async function warmUp(): Promise<IssuedButton[]> {
  const answers = await Promise.all(
    users.map((user) => scenario.ask(user, `Кто зажигал огонь маяка? ${markerOf(user.id)}`, { timeoutMs: 60_000 })),
  );
  return answers.flatMap(([message], index) => {
    if (!message) return [];
    return (message.replyMarkup?.inline_keyboard.flat() ?? []).flatMap((button) =>
      button.callback_data?.startsWith("src:")
        ? [{ userId: users[index]?.id ?? 0, message, data: button.callback_data }]
        : [],
    );
  });
}

describe("Telegram fuzzer", () => {
  it(`survives ${UPDATES} hostile updates: no crash, well-formed replies, no leaks, still answers`, async () => {
    const { standin, bot } = scenario;
    const issued = await warmUp();
    expect(issued.length).toBeGreaterThanOrEqual(users.length);
    const world: FuzzWorld = {
      standin,
      users,
      markerOf,
      group: groupChat(777, "Шумная группа"),
      issued,
      rawQueryIds: new Set(),
      foreignPresses: new Map(),
    };
    const callsBefore = standin.calls.length;
    const started = Date.now();
    const kinds = new Map<string, number>();
    for (let i = 0; i < UPDATES; i++) {
      const kind = sendHostileUpdate(random, world);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    await waitForQuiet(standin, { timeoutMs: 150_000 });
    const seconds = (Date.now() - started) / 1000;
    const fuzzCalls = standin.calls.slice(callsBefore);
    const replies = fuzzCalls.filter((call) => call.method === "sendMessage" && call.status === 200).length;
    console.log(
      `fuzzer: ${UPDATES} updates in ${seconds.toFixed(1)} s (${(UPDATES / seconds).toFixed(1)} updates/s), ` +
        `${replies} messages sent, ${fuzzCalls.length} Bot API calls; seed ${seed}; kinds ${JSON.stringify(Object.fromEntries(kinds))}`,
    );

    // Zero crashes: alive, and nothing went wrong in any handler.
    expect(bot.child.exitCode).toBeNull();
    const errors = bot
      .log()
      .split("\n")
      .filter((line) => /\b(ERROR|FATAL)\b|nhandled|uncaught/i.test(line));
    expect(errors).toEqual([]);
    expect(
      standin.sentMessages().filter((message) => message.text.includes(ru.failed) || message.text.includes(en.failed)),
    ).toEqual([]);

    // Well-formed: Telegram accepted every message, edit and callback answer as sent.
    expect(malformedCalls(standin.calls, world.rawQueryIds)).toEqual([]);

    // No leaks: a user's chat never shows another user's words.
    for (const user of users) {
      const foreign = standin
        .sentMessages(user.id)
        .flatMap((message) => [...message.text.matchAll(MARKER)].map((match) => Number(match[1])))
        .filter((id) => id !== user.id);
      expect(foreign, `chat ${user.id}`).toEqual([]);
    }
    // Someone else's quote button is refused in so many words, and no quote is ever shown.
    expect(world.foreignPresses.size).toBeGreaterThan(10);
    for (const [queryId] of world.foreignPresses) {
      const answer = standin.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === queryId);
      expect([ru.sourceNotYours, en.sourceNotYours], `press ${queryId}`).toContain(answer?.params.text);
    }
    expect(standin.sentMessages().filter((message) => QUOTE_HEADER.test(message.text))).toEqual([]);
    // Channels are never answered; in the group the bot speaks only when addressed.
    expect(standin.sentMessages(-900)).toEqual([]);
    const addressed = (kinds.get("groupMention") ?? 0) + (kinds.get("groupCommand") ?? 0);
    expect(standin.sentMessages(world.group.id).length).toBeLessThanOrEqual(addressed);

    const [after] = await scenario.ask({ id: 7999, languageCode: "ru" }, "Кто зажигал огонь маяка?");
    expect(after?.text).toContain(LIGHTHOUSE_TITLE);
  });
});
