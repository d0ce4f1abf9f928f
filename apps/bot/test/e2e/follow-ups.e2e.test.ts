// Follow-up questions through the real bot process and the Bot API stand-in: the second turn
// is searched with the first one's topic and says so; two users' contexts never mix; /new and
// the «Новая тема» button forget the context; the «Запрос от пользователя» line marks a search
// that used context. Memory lives in the real Redis under the scenario's own prefix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scenario, startScenario } from "./scenario.js";
import { GARDEN_TITLE, LIGHTHOUSE_TITLE } from "./test-library.js";

const reader = { id: 201, firstName: "Читатель", languageCode: "ru" };
const visitor = { id: 202, firstName: "Visitor", languageCode: "en" };

let scenario: Scenario;

beforeAll(async () => {
  scenario = await startScenario();
});
afterAll(async () => {
  await scenario?.close();
});

describe("follow-up questions", () => {
  it("answers a follow-up in the context of the previous turn, each user in their own", async () => {
    const [first] = await scenario.ask(reader, "Кто зажигал огонь маяка каждый вечер?");
    expect(first?.text).toContain(LIGHTHOUSE_TITLE);
    expect(first?.text).not.toContain("в контексте");
    const [garden] = await scenario.ask(visitor, "Сколько камней лежит в саду монастыря Рёан-дзи?");
    expect(garden?.text).toContain(GARDEN_TITLE);

    const [followUp] = await scenario.ask(reader, "А кто стал зажигать его потом?");
    expect(followUp?.text).toMatch(/^в контексте: .*маяка/);
    expect(followUp?.text).toContain("Пётр");
    expect(followUp?.replyMarkup?.inline_keyboard.flat().map((button) => button.text)).toContain("Новая тема");

    const [theirs] = await scenario.ask(visitor, "А чем его расчёсывают?");
    expect(theirs?.text).toMatch(/^in the context of: .*Рёан-дзи/);
    expect(theirs?.text).not.toContain("маяка");
    expect(theirs?.text).toContain("граблями");
  });

  it("logs a follow-up as a question, with the field that says it used context", () => {
    const log = scenario.bot.log();
    expect(log).toMatch(/Запрос от пользователя 201: А кто стал зажигать его потом\? .*"usedContext":true/);
    expect(log).toMatch(/Запрос от пользователя 201: Кто зажигал огонь маяка каждый вечер\? .*"usedContext":false/);
  });

  it("forgets the context after /new", async () => {
    const [reply] = await scenario.ask(reader, "/new");
    expect(reply?.text).toBe("Начнём заново: прошлые вопросы забыты.");
    const [alone] = await scenario.ask(reader, "А кто стал зажигать его потом?");
    expect(alone?.text).not.toContain("в контексте");
  });

  it("forgets the context when the «Новая тема» button is pressed, for the presser only", async () => {
    const answer = scenario.standin
      .sentMessages(visitor.id)
      .find((message) => message.text.startsWith("in the context"));
    const data = answer?.replyMarkup?.inline_keyboard
      .flat()
      .find((button) => button.text === "New topic")?.callback_data;
    if (!answer || !data) throw new Error("no answer with a New topic button");
    const queryId = scenario.standin.pressButton(visitor, answer, data);
    const acknowledged = await scenario.standin.waitFor(
      () => scenario.standin.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === queryId),
      { what: "the New topic acknowledgement" },
    );
    expect(acknowledged.params.text).toBe("Starting over: the earlier questions are forgotten.");
    const [alone] = await scenario.ask(visitor, "А чем его расчёсывают?");
    expect(alone?.text).not.toContain("in the context of");
  });
});
