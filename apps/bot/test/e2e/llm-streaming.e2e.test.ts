// With an LLM configured (here the OpenAI-protocol stand-in), the answer is streamed into one
// message edited at a bounded rate, then delivered whole: a long answer is split into parts
// under Telegram's limit, each valid HTML, with the quote buttons on the last part.

import { type OpenAiStandin, startOpenAiStandin } from "@ai-library/standins/openai";
import { parseTelegramHtml } from "@ai-library/standins/telegram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scenario, startScenario } from "./scenario.js";
import { LIGHTHOUSE_TITLE } from "./test-library.js";

const reader = { id: 301, firstName: "Анна", languageCode: "ru" };
const EDIT_INTERVAL_MS = 400;

let openai: OpenAiStandin;
let scenario: Scenario;

beforeAll(async () => {
  openai = await startOpenAiStandin({ streamChunkChars: 40 });
  scenario = await startScenario({
    env: {
      ANSWERER: "openai",
      OPENAI_BASE_URL: openai.baseUrl,
      BOT_STREAM_EDIT_INTERVAL_MS: String(EDIT_INTERVAL_MS),
      BOT_ANSWER_TIMEOUT_SECONDS: "4",
    },
  });
});
afterAll(async () => {
  await scenario?.close();
  await openai?.close();
});

const sentence = (n: number) => `Фраза ${n}: смотритель Игнат <зажигал> огонь маяка & записывал суда в журнал [1].`;

describe("LLM answers", () => {
  it("splits a 12 000-character answer into valid parts under 4096 characters, buttons on the last", async () => {
    const paragraphs = Array.from({ length: 30 }, (_, p) =>
      Array.from({ length: 6 }, (_, s) => sentence(p * 6 + s)).join(" "),
    );
    const reply = paragraphs.join("\n\n");
    expect(reply.length).toBeGreaterThan(12_000);
    openai.script.setReply(() => reply);

    scenario.standin.sendText(reader, "Расскажите всё про смотрителя маяка");
    await scenario.standin.waitFor(
      () => scenario.standin.sentMessages(reader.id).some((message) => message.text.includes("Источники:")),
      { timeoutMs: 20_000, what: "the last part of the answer" },
    );
    const parts = scenario.standin.sentMessages(reader.id);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(4096);
      expect(part.parseMode).toBe("HTML");
      expect(parseTelegramHtml(part.raw).ok).toBe(true);
    }
    // Every sentence arrives once, in order, intact (cuts only between sentences).
    const shown = parts.map((part) => part.text).join("\n\n");
    const numbers = [
      ...shown.matchAll(/Фраза (\d+): смотритель Игнат <зажигал> огонь маяка & записывал суда в журнал \[1\]\./g),
    ];
    expect(numbers.map((match) => Number(match[1]))).toEqual(Array.from({ length: 180 }, (_, n) => n));
    expect(parts.at(-1)?.text).toContain(`Источники:\n[1] ${LIGHTHOUSE_TITLE}`);
    expect(
      parts
        .at(-1)
        ?.replyMarkup?.inline_keyboard.flat()
        .map((button) => button.text),
    ).toEqual(["Цитата [1]", "Подробнее [1]"]);
    expect(parts.slice(0, -1).every((part) => part.replyMarkup === undefined)).toBe(true);
  });

  it("streams into the first message by editing it, never faster than the edit interval", async () => {
    const [first] = scenario.standin.sentMessages(reader.id);
    expect(first?.edits).toBeGreaterThanOrEqual(1);
    expect(first?.text.startsWith("Фраза 0:")).toBe(true);
    const edits = scenario.standin
      .callsOf("editMessageText")
      .filter((call) => call.params.chat_id === reader.id && call.params.message_id === first?.messageId);
    // Intermediate edits are throttled; the final edit (the finished answer) may follow at once.
    const streamed = edits.slice(0, -1);
    for (let i = 1; i < streamed.length; i++) {
      expect((streamed[i]?.at ?? 0) - (streamed[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(EDIT_INTERVAL_MS - 20);
    }
  });

  it("answers 'not in the library' without sources when the LLM finds nothing", async () => {
    openai.script.setReply(() => "NO_ANSWER_IN_LIBRARY");
    const since = scenario.standin.sentMessages(reader.id).length;
    scenario.standin.sendText(reader, "Какой рецепт борща?");
    const [answer] = await scenario.replies(reader.id, since);
    await scenario.standin.waitFor(
      () => !scenario.standin.sentMessages(reader.id)[since]?.text.startsWith("Ищу ответ"),
      {
        what: "the placeholder to be replaced",
      },
    );
    const final = scenario.standin.sentMessages(reader.id)[since];
    expect(answer?.messageId).toBe(final?.messageId);
    expect(final?.text).not.toContain("Источники:");
    expect(final?.replyMarkup).toBeUndefined();
  });

  it("gives up politely when an answer takes longer than BOT_ANSWER_TIMEOUT_SECONDS", async () => {
    const user = { id: 302, languageCode: "ru" };
    openai.script.setReply(() => "Смотритель зажигал огонь [1].");
    // Telegram makes the bot wait 6 s before its first message: longer than the 4 s timeout.
    scenario.standin.failNext("sendMessage", { kind: "flood", retryAfterSeconds: 6 });
    scenario.standin.sendText(user, "Кто зажигал огонь маяка?");
    await scenario.standin.waitFor(
      () =>
        scenario.standin
          .sentMessages(user.id)
          .find((message) => message.text.startsWith("Не успел найти ответ вовремя")),
      { timeoutMs: 20_000, what: "the timeout reply" },
    );
    expect(scenario.bot.log()).toMatch(/Вопрос пользователя 302 без ответа: timeout/);
    expect(scenario.standin.sentMessages(user.id).some((message) => message.text.includes("Источники:"))).toBe(false);
  });
});
