// What several bot processes share through Redis. Conversation memory: a bot restarted between
// two turns still answers the second in the context of the first, and with two bot processes
// on one Redis (two replicas of one bot, each given part of the updates, as behind a load
// balancer) the second turn is served by the other process in that context. Update claims: the
// same update handed to both replicas is answered once.
import { startTelegramStandin, type TelegramStandin } from "@ai-library/standins/telegram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotProcess, startBotProcess } from "./bot-process.js";
import { type Scenario, startScenario } from "./scenario.js";

const reader = { id: 401, firstName: "Читатель", languageCode: "ru" };
const second = { id: 402, firstName: "Вторая", languageCode: "ru" };

let scenario: Scenario;

beforeAll(async () => {
  scenario = await startScenario();
});
afterAll(async () => {
  await scenario?.close();
});

describe("a dialogue across bot processes", () => {
  it("answers the second turn in context after the bot restarts between the turns", async () => {
    const [first] = await scenario.ask(reader, "Кто зажигал огонь маяка каждый вечер?");
    expect(first?.text).toContain("Игнат");
    await scenario.restartBot();
    const [followUp] = await scenario.ask(reader, "А кто стал зажигать его потом?");
    expect(followUp?.text).toMatch(/^в контексте: .*маяка/);
    expect(followUp?.text).toContain("Пётр");
  });

  it("answers the second turn in context when another bot process on the same Redis serves it", async () => {
    // A second replica of the same bot (same token and identity), with its own update feed.
    let replicaStandin: TelegramStandin | undefined;
    let replica: BotProcess | undefined;
    try {
      // Telegram numbers one bot's updates once across replicas: the replica's feed goes on from far ahead.
      replicaStandin = await startTelegramStandin({ token: scenario.standin.token, firstUpdateId: 1_000_000 });
      const feed = replicaStandin;
      replica = startBotProcess({ ...scenario.env, TELEGRAM_API_ROOT: feed.apiRoot }, { cwd: scenario.library.root });
      const started = replica;
      await feed.waitFor(() => feed.callsOf("getUpdates").length > 0 || started.child.exitCode !== null, {
        timeoutMs: 30_000,
        what: "the second bot process to poll",
      });
      const [first] = await scenario.ask(second, "Сколько камней лежит в саду монастыря Рёан-дзи?");
      expect(first?.text).toContain("пятнадцать");
      feed.sendText(second, "А чем его расчёсывают?");
      await feed.waitFor(() => feed.sentMessages(second.id).length > 0, { what: "the replica's answer" });
      const [followUp] = feed.sentMessages(second.id);
      expect(followUp?.text).toMatch(/^в контексте: .*Рёан-дзи/);
      expect(followUp?.text).toContain("граблями");
      expect(started.log()).toMatch(/Запрос от пользователя 402: А чем его расчёсывают\? .*"usedContext":true/);

      // One update (one update_id) handed to both processes, as a retried delivery reaching the
      // other replica: answered once between them.
      const third = { id: 403, firstName: "Третий", languageCode: "ru" };
      const updateId = 5_000_000;
      scenario.standin.sendText(third, "Кто зажигал огонь маяка каждый вечер?", { updateId });
      feed.sendText(third, "Кто зажигал огонь маяка каждый вечер?", { updateId });
      const answered = () => scenario.standin.sentMessages(third.id).length + feed.sentMessages(third.id).length;
      await feed.waitFor(() => answered() > 0, { what: "an answer from either process" });
      // Both processes have taken the update from their feeds by now; give a second answer time to show.
      await feed.waitFor(() => scenario.standin.pendingUpdates() === 0 && feed.pendingUpdates() === 0, {
        what: "both feeds confirmed",
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(answered()).toBe(1);
    } finally {
      await replica?.stop();
      await replicaStandin?.close();
    }
  });
});
