// The two other ways to run the bot: webhook mode (WEBHOOK_URL), where only requests that
// carry the secret token are accepted, and console mode (no TELEGRAM_BOT_TOKEN), where a
// person chats with the same handlers on the terminal — here with stdin piped, as in the demo.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotProcess } from "./bot-process.js";
import { type Scenario, startScenario } from "./scenario.js";
import { createTestLibrary, LIGHTHOUSE_TITLE, type TestLibrary } from "./test-library.js";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("webhook mode", () => {
  const secret = "wh_secret-123";
  let port = 0;
  let scenario: Scenario;

  beforeAll(async () => {
    port = await freePort();
    scenario = await startScenario({
      env: { WEBHOOK_URL: "https://bot.example.test/tg/hook", WEBHOOK_PORT: String(port), WEBHOOK_SECRET: secret },
      ready: (standin) => standin.webhook() !== undefined,
    });
  });
  afterAll(async () => {
    await scenario?.close();
  });

  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${port}/tg/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("registers the webhook with its secret token and does not poll", () => {
    expect(scenario.standin.webhook()).toEqual({ url: "https://bot.example.test/tg/hook", secretToken: secret });
    expect(scenario.standin.callsOf("getUpdates")).toHaveLength(0);
  });

  it("refuses updates without the right secret token and answers those with it", async () => {
    const user = { id: 601, languageCode: "ru" };
    const message = scenario.standin.sendText(user, "Кто зажигал огонь маяка?");
    expect((await post({ update_id: 1, message }, {})).status).toBe(403);
    expect((await post({ update_id: 2, message }, { "x-telegram-bot-api-secret-token": "guess" })).status).toBe(403);
    const accepted = await post({ update_id: 3, message }, { "x-telegram-bot-api-secret-token": secret });
    expect(accepted.status).toBe(200);
    const [answer] = await scenario.replies(user.id, 0);
    expect(answer?.text).toContain(LIGHTHOUSE_TITLE);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(scenario.standin.sentMessages(user.id)).toHaveLength(1);
  });
});

describe("console mode", () => {
  let library: TestLibrary;
  beforeAll(async () => {
    library = await createTestLibrary();
    const report = await library.ingest();
    if (!report.published) throw new Error(`test library was not published: ${report.failure}`);
  });
  afterAll(() => library?.cleanup());

  it("without a token, says so and answers piped questions through the same handlers, then exits", async () => {
    const bot = startBotProcess(
      {
        INDEX_DIR: library.indexDir,
        LOG_DIR: library.logDir,
        REDIS_URL: "redis://127.0.0.1:6379",
        QUEUE_PREFIX: "e2e-console",
      },
      { cwd: library.root, stdin: "Кто зажигал огонь маяка?\n!1\n/books\n!9\n" },
    );
    const { code } = await bot.exited;
    const output = bot.output();
    expect(code).toBe(0);
    expect(output).toContain("TELEGRAM_BOT_TOKEN не задан — бот запущен в консольном режиме");
    expect(output).toContain("Вы: Кто зажигал огонь маяка?");
    expect(output).toMatch(/Бот: По книгам библиотеки:\n«.*смотритель Игнат/);
    expect(output).toContain(`Источники:\n[1] ${LIGHTHOUSE_TITLE}, с. 1`);
    expect(output).toContain("Кнопки: !1 Цитата [1]");
    expect(output).toMatch(new RegExp(`Бот: Цитата \\[1\\] ${LIGHTHOUSE_TITLE}, с\\. 1(–\\d+)?\\n`));
    expect(output).toContain("Книги в библиотеке: 2 (страница 1 из 1)");
    expect(output).toContain("Такой кнопки нет.");
    expect(bot.log()).toContain("Запрос от пользователя 1: Кто зажигал огонь маяка?");
  });
});
