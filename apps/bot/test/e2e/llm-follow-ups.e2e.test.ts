// Follow-ups with an LLM configured (the OpenAI-protocol stand-in): the LLM rewrites the
// follow-up into a standalone question, which is searched and answered, and the reply says how
// the bot read it; the answer prompt carries the earlier turns; when the rewrite fails the
// offline rule reads the follow-up instead, and a question the LLM returns unchanged is
// answered alone.
import { type OpenAiStandin, type StandinChatMessage, startOpenAiStandin } from "@ai-library/standins/openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scenario, startScenario } from "./scenario.js";

const reader = { id: 501, firstName: "Читатель", languageCode: "ru" };

let openai: OpenAiStandin;
let scenario: Scenario;
/** What the stand-in LLM returns when asked to rewrite a question (undefined: the question as is). */
let rewriteTo: string | undefined;
/** The user messages of every answer request, to see what the answer prompt carried. */
const answerPrompts: string[] = [];

const isRewrite = (messages: StandinChatMessage[]) => messages[0]?.content.startsWith("You rewrite") ?? false;
const latestQuestion = (messages: StandinChatMessage[]) =>
  /Latest question \([A-Za-z]+\): <turn>([\s\S]*)<\/turn>/.exec(messages.at(-1)?.content ?? "")?.[1] ?? "";

beforeAll(async () => {
  openai = await startOpenAiStandin({
    reply: (messages) => {
      if (isRewrite(messages)) return rewriteTo ?? latestQuestion(messages);
      const prompt = messages.at(-1)?.content ?? "";
      answerPrompts.push(prompt);
      if (prompt.includes("Question: Кто стал зажигать огонь маяка после Игната?"))
        return "Огонь стал зажигать внук Пётр [1].";
      if (prompt.includes("Question: Кто зажигал огонь маяка каждый вечер?"))
        return "Огонь зажигал смотритель Игнат [1].";
      return "Ответ по книге [1].";
    },
  });
  scenario = await startScenario({ env: { ANSWERER: "openai", OPENAI_BASE_URL: openai.baseUrl } });
});
afterAll(async () => {
  await scenario?.close();
  await openai?.close();
});

/** The answer once the LLM has written it (the first message is «Ищу ответ…», then edited). */
async function ask(text: string) {
  const since = scenario.standin.sentMessages(reader.id).length;
  scenario.standin.sendText(reader, text);
  return [
    await scenario.standin.waitFor(
      () => {
        const message = scenario.standin.sentMessages(reader.id)[since];
        return message && !message.text.startsWith("Ищу ответ") ? message : undefined;
      },
      { what: `the answer to ${text}` },
    ),
  ];
}

describe("follow-ups with an LLM", () => {
  it("searches and answers the LLM's standalone rewrite, with the earlier turn in the answer prompt", async () => {
    const [first] = await ask("Кто зажигал огонь маяка каждый вечер?");
    expect(first?.text).toContain("смотритель Игнат");
    rewriteTo = "Кто стал зажигать огонь маяка после Игната?";
    const [second] = await ask("А кто стал зажигать его потом?");
    expect(second?.text).toMatch(/^понял вопрос как: Кто стал зажигать огонь маяка после Игната\?/);
    expect(second?.text).toContain("внук Пётр");
    expect(second?.replyMarkup?.inline_keyboard.flat().map((button) => button.text)).toContain("Новая тема");
    const prompt = answerPrompts.at(-1) ?? "";
    expect(prompt).toMatch(
      /<earlier-turn>\nQuestion: Кто зажигал огонь маяка каждый вечер\?\nAnswer: Огонь зажигал смотритель Игнат/,
    );
    // The rewrite was searched: the passage about Пётр (page 3) comes first in the prompt.
    expect(prompt).toMatch(/<passage n="1" book="Маяк на краю света"[^>]* page="3">\nКогда Игнат состарился/);
    expect(scenario.bot.log()).toMatch(
      /Запрос от пользователя 501: А кто стал зажигать его потом\? .*"usedContext":true.*"rewritten":"Кто стал зажигать огонь маяка после Игната\?"/,
    );
  });

  it("falls back to the offline reading when the rewrite fails", async () => {
    rewriteTo = undefined;
    openai.script.failNext(1, { status: 500 });
    const [reply] = await ask("А кто чистил его линзы?");
    expect(reply?.text).toMatch(/^в контексте: /);
    expect(scenario.bot.log()).toMatch(/LLM не переписал уточняющий вопрос/);
  });

  it("answers a question the LLM returns unchanged on its own, without context", async () => {
    rewriteTo = undefined;
    const [reply] = await ask("Сколько камней лежит в саду монастыря Рёан-дзи?");
    expect(reply?.text).not.toMatch(/^(понял вопрос как|в контексте)/);
    expect(scenario.bot.log()).toMatch(/Запрос от пользователя 501: Сколько камней .*"usedContext":false/);
  });
});
