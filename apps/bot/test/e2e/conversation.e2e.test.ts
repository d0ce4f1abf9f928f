// The bot as its users meet it: questions answered from the books with sources (page for a
// PDF, chapter for an EPUB), quote buttons, commands, languages, access control, admin-only
// /status, groups, limits — all through the real bot process and the Bot API stand-in.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@ai-library/standins/net";
import { groupChat } from "@ai-library/standins/telegram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scenario, startScenario } from "./scenario.js";
import { GARDEN_TITLE, LIGHTHOUSE_TITLE } from "./test-library.js";

const reader = { id: 101, firstName: "Анна", languageCode: "ru" };
const english = { id: 102, firstName: "Emma", languageCode: "en-GB" };
const hasty = { id: 103, firstName: "Спешащий", languageCode: "ru" };
const verbose = { id: 104, firstName: "Многословный", languageCode: "ru" };
const admin = { id: 900, firstName: "Админ", languageCode: "ru" };
const stranger = { id: 666, firstName: "Чужой", languageCode: "ru" };

let scenario: Scenario;
let metricsPort: number;
/** Questions the bot accepted, to check the «Запрос от пользователя» log count at the end. */
let accepted = 0;

beforeAll(async () => {
  metricsPort = await freePort();
  scenario = await startScenario({
    env: {
      BOT_METRICS_PORT: String(metricsPort),
      ALLOWED_USER_IDS: "101,102,103,104",
      ADMIN_USER_IDS: "900",
      RATE_LIMIT_PER_MINUTE: "6",
      MAX_QUESTION_CHARS: "300",
    },
  });
});
afterAll(async () => {
  await scenario?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("answers", () => {
  it("answers a question with its source: book title and PDF page, and shows typing meanwhile", async () => {
    const [answer] = await scenario.ask(reader, "Кто зажигал огонь маяка каждый вечер?");
    accepted += 1;
    expect(answer?.parseMode).toBe("HTML");
    expect(answer?.text).toMatch(/смотритель Игнат/);
    expect(answer?.text).toContain(`Источники:\n[1] ${LIGHTHOUSE_TITLE}, с. 1`);
    expect(answer?.replyMarkup?.inline_keyboard.flat()[0]?.text).toBe("Цитата [1]");
    const typing = scenario.standin.callsOf("sendChatAction").find((call) => call.params.chat_id === reader.id);
    expect(typing?.params.action).toBe("typing");
    expect(typing?.at ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(answer?.sentAt ?? 0);
  });

  it("cites the chapter for an EPUB", async () => {
    const [answer] = await scenario.ask(reader, "Сколько камней лежит в саду монастыря Рёан-дзи?");
    accepted += 1;
    expect(answer?.text).toMatch(/пятнадцать камней/);
    expect(answer?.text).toContain(`${GARDEN_TITLE}, глава «Пятнадцать камней»`);
  });

  it("shows the quoted passage when the asker presses a source button, and only to the asker", async () => {
    const messages = scenario.standin.sentMessages(reader.id);
    const answer = messages.find((message) => message.text.includes(LIGHTHOUSE_TITLE));
    const data = answer?.replyMarkup?.inline_keyboard.flat()[0]?.callback_data;
    if (!answer || !data) throw new Error("no answer with a source button");
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);

    const since = messages.length;
    const queryId = scenario.standin.pressButton(reader, answer, data);
    const [quote] = await scenario.replies(reader.id, since);
    // Retrieval may merge the neighbouring page into the passage: "с. 1" or "с. 1–2".
    expect(quote?.text).toMatch(new RegExp(`^Цитата \\[1\\] ${LIGHTHOUSE_TITLE}, с\\. 1(–\\d+)?\\n`));
    expect(quote?.text).toContain("Каждый вечер смотритель Игнат поднимался по винтовой лестнице");
    expect(
      scenario.standin.callsOf("answerCallbackQuery").some((call) => call.params.callback_query_id === queryId),
    ).toBe(true);

    const otherQuery = scenario.standin.pressButton(english, answer, data);
    const refusal = await scenario.standin.waitFor(
      () =>
        scenario.standin.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === otherQuery),
      { what: "the refusal of someone else's button" },
    );
    expect(refusal.params.text).toBe("This button belongs to someone else's question.");
    const expiredQuery = scenario.standin.pressButton(reader, answer, "src:gone1234");
    const expired = await scenario.standin.waitFor(
      () =>
        scenario.standin.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === expiredQuery),
      { what: "the expired-button notice" },
    );
    expect(expired.params.text).toMatch(/кнопка устарела/);
    expect(scenario.standin.sentMessages(reader.id)).toHaveLength(since + 1);
  });

  it("speaks English to users whose Telegram language is English", async () => {
    const [answer] = await scenario.ask(english, "Кто зажигал огонь маяка каждый вечер?");
    accepted += 1;
    expect(answer?.text).toMatch(new RegExp(`Sources:\\n\\[1\\] ${LIGHTHOUSE_TITLE}, (p\\. 1|pp\\. 1–\\d+)\\n?`));
    expect(answer?.replyMarkup?.inline_keyboard.flat()[0]?.text).toBe("Quote [1]");
    const [help] = await scenario.ask(english, "/help");
    expect(help?.text).toContain("The library has 2 books, for example:");
  });
});

describe("commands", () => {
  it("/start says what the bot does, how many books it knows and some titles", async () => {
    const [intro] = await scenario.ask(reader, "/start");
    expect(intro?.text).toContain("В библиотеке 2 книги, например:");
    expect(intro?.text).toContain(`• ${LIGHTHOUSE_TITLE}`);
    expect(intro?.text).toContain(`• ${GARDEN_TITLE}`);
  });

  it("/books lists the library and /about names the live generation", async () => {
    const [books] = await scenario.ask(reader, "/books");
    expect(books?.text).toContain("Книги в библиотеке: 2 (страница 1 из 1)");
    expect(books?.text).toContain(`1. ${LIGHTHOUSE_TITLE} — Иван Смотров (PDF)`);
    expect(books?.text).toContain(`2. ${GARDEN_TITLE} — Кэндзи Мори (EPUB)`);
    const live = readFileSync(join(scenario.library.indexDir, "LIVE"), "utf8").trim();
    const [about] = await scenario.ask(reader, "/about");
    expect(about?.text).toContain(`Индекс: поколение ${live}`);
    expect(about?.text).toMatch(/Опубликован: .*UTC\nКниг: 2, фрагментов: \d+/);
  });

  it("registers the command menu in Russian and in English", () => {
    expect(scenario.standin.commands()?.map((entry) => entry.command)).toEqual([
      "start",
      "help",
      "books",
      "about",
      "new",
    ]);
    expect(scenario.standin.commands()?.[2]?.description).toBe("Список книг библиотеки");
    expect(scenario.standin.commands("en")?.[2]?.description).toBe("List the books in the library");
  });

  it("answers an unknown command with the list of commands", async () => {
    const [reply] = await scenario.ask(reader, "/frobnicate now");
    expect(reply?.text).toMatch(/Такой команды нет/);
  });
});

describe("access and abuse", () => {
  it("refuses a stranger politely, once a minute, and never answers them", async () => {
    const [refusal] = await scenario.ask(stranger, "Кто зажигал огонь маяка?");
    expect(refusal?.text).toMatch(/только приглашённым пользователям\. Ваш id: 666/);
    scenario.standin.sendText(stranger, "Ну пожалуйста?");
    await scenario.ask(reader, "/about"); // a later update, processed after the second plea
    await sleep(300);
    expect(scenario.standin.sentMessages(stranger.id)).toHaveLength(1);
    expect(scenario.bot.log()).toContain("Отказано в доступе пользователю 666");
  });

  it("shows /status to admins only, with generation, books, chunks, queue, uptime and memory", async () => {
    const [refused] = await scenario.ask(reader, "/status");
    expect(refused?.text).toBe("Эта команда только для администраторов.");
    const live = readFileSync(join(scenario.library.indexDir, "LIVE"), "utf8").trim();
    const manifest = JSON.parse(
      readFileSync(join(scenario.library.indexDir, "generations", live, "manifest.json"), "utf8"),
    ) as { chunkCount: number };
    const [status] = await scenario.ask(admin, "/status");
    expect(status?.text).toContain(`Поколение индекса: ${live}`);
    expect(status?.text).toContain(`Книг: 2, фрагментов: ${manifest.chunkCount}`);
    expect(status?.text).toMatch(/Очередь индексации: работает; запуски: ждут 0, в работе 0, ошибок 0/);
    expect(status?.text).toMatch(/Работает: \d\d:\d\d:\d\d/);
    expect(status?.text).toMatch(/Память: RSS \d+ МБ, heap \d+ МБ; процесс поиска: RSS \d+ МБ/);
    expect(status?.text).toMatch(/Ответов: [1-9]\d*, ошибок: 0/);
  });

  it("limits questions per user per minute and says so once", async () => {
    for (let i = 0; i < 8; i++) scenario.standin.sendText(hasty, `Кто зажигал огонь маяка? (${i})`);
    const replies = await scenario.replies(hasty.id, 0, 7);
    accepted += 6;
    await sleep(500);
    expect(scenario.standin.sentMessages(hasty.id)).toHaveLength(7);
    const limited = replies.filter((reply) => reply.text.startsWith("Слишком много вопросов подряд"));
    expect(limited).toHaveLength(1);
    expect(replies.filter((reply) => reply.text.includes("Источники:"))).toHaveLength(6);
  });

  it("refuses a question over MAX_QUESTION_CHARS politely", async () => {
    const [reply] = await scenario.ask(verbose, `Расскажите ${"очень ".repeat(50)}подробно про маяк`);
    expect(reply?.text).toMatch(/^Вопрос слишком длинный \(\d+ символов\)\. Сократите его до 300 символов/);
  });
});

describe("groups", () => {
  const group = groupChat(4242, "Книжный клуб");

  it("answers in a group only when mentioned or replied to", async () => {
    scenario.standin.sendText(reader, "Кто зажигал огонь маяка?", { chat: group });
    scenario.standin.sendText(reader, "/books", { chat: group });
    scenario.standin.sendText(reader, "@library_test_bot кто зажигал огонь маяка?", { chat: group });
    accepted += 1;
    const [answer] = await scenario.replies(group.id, 0);
    expect(answer?.text).toContain(`${LIGHTHOUSE_TITLE}, с. 1`);

    scenario.standin.sendText(reader, "А сколько камней в саду Рёан-дзи?", {
      chat: group,
      replyTo: answer?.messageId ?? 0,
    });
    accepted += 1;
    const [, second] = await scenario.replies(group.id, 0, 2);
    expect(second?.text).toContain(GARDEN_TITLE);

    scenario.standin.sendText(reader, "/books@library_test_bot", { chat: group });
    const [, , books] = await scenario.replies(group.id, 0, 3);
    expect(books?.text).toContain("Книги в библиотеке: 2");
    await sleep(300);
    expect(scenario.standin.sentMessages(group.id)).toHaveLength(3);
  });
});

describe("search process", () => {
  // Match by script name: the bot has other children too (tsx's esbuild service).
  const searchChild = () =>
    execFileSync("pgrep", ["-P", String(scenario.bot.child.pid), "-f", "faiss-search-process"], {
      encoding: "utf8",
    }).trim();
  /** Files of the live generation that process `pid` has open. */
  const generationFilesOpenBy = (pid: number) => {
    const live = readFileSync(join(scenario.library.indexDir, "LIVE"), "utf8").trim();
    const dir = realpathSync(join(scenario.library.indexDir, "generations", live));
    return readdirSync(`/proc/${pid}/fd`)
      .map((fd) => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          return ""; // closed meanwhile
        }
      })
      .filter((target) => target.startsWith(dir));
  };

  it("holds the index in the search process only: the bot has no file of the generation open", async () => {
    const [answer] = await scenario.ask(reader, "Кто зажигал огонь маяка каждый вечер?");
    accepted += 1;
    expect(answer?.text).toContain(LIGHTHOUSE_TITLE);
    expect(generationFilesOpenBy(Number(searchChild().split("\n")[0]))).toContainEqual(
      expect.stringMatching(/docstore\.bin$/),
    );
    expect(generationFilesOpenBy(scenario.bot.child.pid ?? 0)).toEqual([]);
  });

  it("restarts the FAISS search process if it dies, and keeps answering", async () => {
    const searchPid = Number(searchChild().split("\n")[0]);
    expect(searchPid).toBeGreaterThan(0);
    process.kill(searchPid, "SIGKILL");
    await scenario.standin.waitFor(() => scenario.bot.log().includes("Процесс поиска FAISS завершился (SIGKILL)"), {
      what: "the bot to notice the search process died",
    });
    const [answer] = await scenario.ask(reader, "Кто зажигал огонь маяка каждый вечер?");
    accepted += 1;
    expect(answer?.text).toContain(LIGHTHOUSE_TITLE);
    const restarted = Number(searchChild().split("\n")[0]);
    expect(restarted).toBeGreaterThan(0);
    expect(restarted).not.toBe(searchPid);
  });
});

describe("logs", () => {
  it("logs one «Запрос от пользователя» line per accepted question, with latency and sources", () => {
    const log = scenario.bot.log();
    const queries = log.split("\n").filter((line) => line.includes("Запрос от пользователя"));
    expect(queries).toHaveLength(accepted);
    expect(queries[0]).toMatch(/INFO \[bot\] Запрос от пользователя 101: Кто зажигал огонь маяка каждый вечер\?/);
    expect(log).toMatch(/Ответ пользователю 101 отправлен за \d+ мс, источников: 1/);
    // Every search went through the FAISS search process (no fallback to the bot's thread).
    expect(log).not.toContain("ищу в боте");
    expect(log).not.toContain(scenario.standin.token);
    expect(log).not.toContain(scenario.standin.token.split(":")[1]);
  });

  it("counts every accepted question on /metrics and answers /healthz with 200", async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^ai_library_bot_questions_total\\{[^}]*\\} ${accepted}$`, "m"));
    expect(metrics).toMatch(/^ai_library_index_live_books\{[^}]*\} 2$/m);
    const health = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, servingFallback: false });
  });
});
