// Console mode (no TELEGRAM_BOT_TOKEN), where a person chats with the same handlers on the
// terminal — here with stdin piped, as in the demo. (Webhook mode and its secret token:
// packages/reliability/test/security/webhook-secret.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotProcess } from "./bot-process.js";
import { removeRedisKeys } from "./scenario.js";
import { createTestLibrary, LIGHTHOUSE_TITLE, type TestLibrary } from "./test-library.js";

describe("console mode", () => {
  let library: TestLibrary;
  beforeAll(async () => {
    library = await createTestLibrary();
    const report = await library.ingest();
    if (!report.published) throw new Error(`test library was not published: ${report.failure}`);
  });
  afterAll(async () => {
    library?.cleanup();
    // The conversation memory the console chat wrote under its prefix.
    await removeRedisKeys("e2e-console");
  });

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
