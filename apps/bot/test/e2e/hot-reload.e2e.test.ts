// The bot follows the index without a restart: from an empty library to the first ingest, a
// worker's publish announced on Redis while users keep asking (zero failed answers), a
// publish seen only by polling, and a damaged generation that is refused while the old one
// keeps serving.
import { appendFileSync, cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { newGenerationId, openIndexStore } from "@ai-library/shared/index";
import { announceGeneration } from "@ai-library/shared/queue";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scenario, startScenario } from "./scenario.js";
import { BEES_TITLE, LIGHTHOUSE_TITLE } from "./test-library.js";

const POLL_SECONDS = 4;
let scenario: Scenario;
let redis: Redis;

beforeAll(async () => {
  scenario = await startScenario({ empty: true, env: { INDEX_POLL_SECONDS: String(POLL_SECONDS) } });
  redis = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  await scenario?.close();
  redis?.disconnect();
});

const liveId = () => readFileSync(join(scenario.library.indexDir, "LIVE"), "utf8").trim();
const logLines = (fragment: string) =>
  scenario.bot
    .log()
    .split("\n")
    .filter((line) => line.includes(fragment));
const RELOADED = "Индекс обновлён без перезапуска";
const BAD_REPLIES = [/библиотека пока пуста/i, /произошла ошибка/, /Не успел найти ответ/];

describe("hot reload", () => {
  it("answers that the library is empty before any ingest, without crashing", async () => {
    const [reply] = await scenario.ask({ id: 201, languageCode: "ru" }, "Кто зажигал огонь маяка?");
    expect(reply?.text).toBe(
      "Библиотека пока пуста: индекс ещё не собран. Попросите оператора запустить индексацию книг.",
    );
    const [help] = await scenario.ask({ id: 201, languageCode: "ru" }, "/help");
    expect(help?.text).toContain("Сейчас библиотека пуста");
    expect(logLines("Индекс пуст")).toHaveLength(1);
  });

  it("picks up the first published generation by polling, without a restart", async () => {
    const report = await scenario.library.ingest();
    await scenario.standin.waitFor(() => logLines(RELOADED).some((line) => line.includes(report.generationId ?? "?")), {
      timeoutMs: (POLL_SECONDS + 5) * 1000,
      what: "the bot to load the first generation",
    });
    const [answer] = await scenario.ask({ id: 202, languageCode: "ru" }, "Кто зажигал огонь маяка?");
    expect(answer?.text).toContain(LIGHTHOUSE_TITLE);
  });

  it("swaps in a worker's publish on its Redis notice while questions keep flowing, with zero failed answers", async () => {
    await scenario.standin.waitFor(
      () => logLines("Подписка на уведомления о новом индексе через Redis работает").length > 0,
      {
        timeoutMs: 20_000,
        what: "the Redis subscription",
      },
    );
    const before = liveId();
    const users = Array.from({ length: 6 }, (_, n) => ({ id: 210 + n, languageCode: "ru" }));
    const questions = ["Кто зажигал огонь маяка?", "Что такое медогонка и как извлекают мёд?"];
    let published = false;
    let beesAnswered = false;
    let asked = 0;
    const bad: string[] = [];
    const askLoop = async (user: { id: number; languageCode: string }, offset: number) => {
      for (let i = offset; !beesAnswered || !published; i++) {
        const question = questions[i % 2] ?? "";
        const [reply] = await scenario.ask(user, question, { timeoutMs: 20_000 });
        asked += 1;
        if (BAD_REPLIES.some((pattern) => pattern.test(reply?.text ?? ""))) bad.push(reply?.text ?? "");
        if (published && question.includes("медогонка") && reply?.text.includes(BEES_TITLE)) beesAnswered = true;
      }
    };
    const publish = async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await scenario.library.addBeesBook();
      const report = await scenario.library.ingest();
      published = true;
      await announceGeneration(redis, scenario.prefix, {
        generationId: report.generationId ?? "",
        publishedAt: new Date().toISOString(),
      });
      return report.generationId;
    };
    const [generationId] = await Promise.all([publish(), ...users.map((user, n) => askLoop(user, n))]);
    expect(bad).toEqual([]);
    expect(asked).toBeGreaterThan(12);
    expect(liveId()).not.toBe(before);
    // The worker's notice reached the bot, and the generation was swapped in (by the notice, or
    // by a poll that happened to come first: either way without a restart).
    await scenario.standin.waitFor(
      () => logLines(`Получено уведомление о новом поколении индекса ${generationId}`).length === 1,
      {
        what: "the notice in the bot's log",
      },
    );
    expect(logLines(RELOADED).filter((line) => line.includes(generationId ?? "?"))).toHaveLength(1);
  });

  it("picks up a publish nobody announced (Redis down, CLI ingest) by polling INDEX_DIR/LIVE", async () => {
    const store = openIndexStore(scenario.library.indexDir);
    const previous = store.list().find((entry) => !entry.live && entry.manifest)?.id;
    if (!previous) throw new Error("no earlier generation to roll back to");
    const reloadsBefore = logLines(RELOADED).length;
    store.setLive(previous);
    await scenario.standin.waitFor(
      () =>
        logLines(RELOADED)
          .slice(reloadsBefore)
          .some((line) => line.includes(previous) && line.includes("poll")),
      {
        timeoutMs: (POLL_SECONDS + 5) * 1000,
        what: "the poll to notice the rollback",
      },
    );
    const [about] = await scenario.ask({ id: 230, languageCode: "ru" }, "/about");
    expect(about?.text).toContain(`поколение ${previous}`);
  });

  it("refuses a generation that fails verification and keeps serving the old one", async () => {
    const store = openIndexStore(scenario.library.indexDir);
    const serving = liveId();
    const broken = newGenerationId();
    cpSync(store.generationDir(serving), store.generationDir(broken), { recursive: true });
    appendFileSync(join(store.generationDir(broken), "docstore.bin"), "garbage");
    store.setLive(broken);
    await scenario.standin.waitFor(() => logLines(`Поколение индекса ${broken} отклонено`).length > 0, {
      timeoutMs: (POLL_SECONDS + 5) * 1000,
      what: "the bot to refuse the damaged generation",
    });
    expect(logLines(`Поколение индекса ${broken} отклонено`)[0]).toMatch(/ERROR .*по-прежнему обслуживается/);
    const [answer] = await scenario.ask({ id: 240, languageCode: "ru" }, "Кто зажигал огонь маяка?");
    expect(answer?.text).toContain(LIGHTHOUSE_TITLE);
    const [about] = await scenario.ask({ id: 240, languageCode: "ru" }, "/about");
    expect(about?.text).toContain(`поколение ${serving}`);
  });
});
