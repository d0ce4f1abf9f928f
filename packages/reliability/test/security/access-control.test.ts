// Issue #9, item 9, end to end through the real bot: a user outside ALLOWED_USER_IDS gets a
// refusal and nothing from the library whatever they send (questions, every command, media,
// buttons, group mentions); admin-only commands refuse everyone but ADMIN_USER_IDS; a quote
// button works only for the user it was issued to — also in a group, where everyone sees it.
import { groupChat, type SentMessage, type UserSpec } from "@ai-library/standins/telegram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../../../apps/bot/src/i18n/en.js";
import { ru } from "../../../../apps/bot/src/i18n/ru.js";
import { GARDEN_TITLE, LIGHTHOUSE_TITLE } from "../../../../apps/bot/test/e2e/test-library.js";
import { type Scenario, startSuiteScenario } from "../support/suite-scenario.js";
import { waitForQuiet } from "../support/wait-for-quiet.js";

const reader: UserSpec = { id: 8001, languageCode: "ru" };
const colleague: UserSpec = { id: 8002, languageCode: "en" };
const admin: UserSpec = { id: 8009, languageCode: "ru" };
const stranger: UserSpec = { id: 8500, languageCode: "ru" };
const englishStranger: UserSpec = { id: 8501, languageCode: "en" };
const group = groupChat(4242, "Книжный клуб");

/** Commands a stranger may try; /status is the admin one. */
const COMMANDS = ["/start", "/help", "/books", "/about", "/status", "/status@library_test_bot", "/unknown"];
/** Anything that only the library (or the bot's state) could have told. */
const LIBRARY_DATA = [LIGHTHOUSE_TITLE, GARDEN_TITLE, "смотритель", "камн", "Источники", "Sources", "Поколение", "RSS"];

let scenario: Scenario;

beforeAll(async () => {
  scenario = await startSuiteScenario("access-control", {
    env: { ALLOWED_USER_IDS: `${reader.id},${colleague.id}`, ADMIN_USER_IDS: String(admin.id) },
  });
});
afterAll(async () => {
  await scenario?.close();
});

const libraryDataIn = (messages: readonly { text: string }[]) =>
  messages.flatMap((message) => LIBRARY_DATA.filter((needle) => message.text.includes(needle)));

const callbackAnswer = (queryId: string) =>
  scenario.standin.waitFor(
    () =>
      scenario.standin
        .callsOf("answerCallbackQuery")
        .find((call) => call.params.callback_query_id === queryId && call.status !== 0),
    { timeoutMs: 15_000, what: `the answer to callback ${queryId}` },
  );

describe("users outside ALLOWED_USER_IDS", () => {
  let readerAnswer: SentMessage | undefined;

  it("get a refusal with their id and nothing from the library, whatever they send", async () => {
    const { standin, bot } = scenario;
    [readerAnswer] = await scenario.ask(reader, "Кто зажигал огонь маяка?");
    expect(readerAnswer?.text).toContain(LIGHTHOUSE_TITLE);

    const [refusal] = await scenario.ask(stranger, "Кто зажигал огонь маяка?");
    expect(refusal?.text).toBe(ru.accessDenied(stranger.id));
    const [englishRefusal] = await scenario.ask(englishStranger, "Who lit the lighthouse fire?");
    expect(englishRefusal?.text).toBe(en.accessDenied(englishStranger.id));

    for (const text of [...COMMANDS, "Сколько камней в саду?", `@${standin.botUsername} маяк`]) {
      standin.sendText(stranger, text);
      standin.sendText(englishStranger, text);
    }
    standin.sendSticker(stranger);
    standin.sendPhoto(stranger, "маяк");
    standin.editText(stranger, standin.sendText(stranger, "маяк"), "огонь маяка?");
    standin.sendText(stranger, `@${standin.botUsername} Кто зажигал огонь маяка?`, { chat: group });
    standin.sendText(stranger, "/books@library_test_bot", { chat: group });
    await waitForQuiet(standin);

    // One notice a minute per stranger, and never a word from the books or the bot's state.
    const toStranger = standin.sentMessages(stranger.id);
    expect(toStranger.map((message) => message.text)).toEqual([ru.accessDenied(stranger.id)]);
    expect(standin.sentMessages(englishStranger.id).map((message) => message.text)).toEqual([
      en.accessDenied(englishStranger.id),
    ]);
    const inGroup = standin.sentMessages(group.id);
    expect(inGroup.every((message) => message.text === ru.accessDenied(stranger.id))).toBe(true);
    expect(libraryDataIn([...toStranger, ...standin.sentMessages(englishStranger.id), ...inGroup])).toEqual([]);
    // Refused before anything else: their questions were never even searched.
    const log = bot.log();
    expect(log).not.toMatch(new RegExp(`Запрос от пользователя (${stranger.id}|${englishStranger.id})`));
    expect(log).toContain(`Отказано в доступе пользователю ${stranger.id}`);
  });

  it("get the refusal, not the quote, when they press a quote button", async () => {
    const data = readerAnswer?.replyMarkup?.inline_keyboard.flat()[0]?.callback_data;
    if (!readerAnswer || !data) throw new Error("the reader's answer has no quote button");
    const queryId = scenario.standin.pressButton(stranger, readerAnswer, data);
    const answer = await callbackAnswer(queryId);
    expect(answer.params.text).toBe(ru.accessDenied(stranger.id));
    await waitForQuiet(scenario.standin);
    expect(scenario.standin.sentMessages(reader.id)).toHaveLength(1);
    expect(libraryDataIn(scenario.standin.sentMessages(stranger.id))).toEqual([]);
  });
});

describe("admin commands", () => {
  it("/status refuses allowed users who are not admins, and in a group too", async () => {
    const [refused] = await scenario.ask(reader, "/status");
    expect(refused?.text).toBe(ru.adminOnly);
    const [refusedEn] = await scenario.ask(colleague, "/status");
    expect(refusedEn?.text).toBe(en.adminOnly);
    const since = scenario.standin.sentMessages(group.id).length;
    scenario.standin.sendText(reader, "/status@library_test_bot", { chat: group });
    const [inGroup] = await scenario.replies(group.id, since);
    expect(inGroup?.text).toBe(ru.adminOnly);
    expect(libraryDataIn([refused, refusedEn, inGroup].flatMap((message) => (message ? [message] : [])))).toEqual([]);
  });

  it("/status answers an admin (who needs no place in ALLOWED_USER_IDS)", async () => {
    const [status] = await scenario.ask(admin, "/status");
    expect(status?.text).toMatch(/^Поколение индекса: \S+/);
    expect(status?.text).toMatch(/Книг: 2, фрагментов: \d+/);
  });

  it("the command menu offers no admin command to everyone", () => {
    for (const language of ["", "en"]) {
      const menu = scenario.standin.commands(language)?.map((entry) => entry.command) ?? [];
      expect(menu).not.toContain("status");
    }
  });
});

describe("quote buttons", () => {
  it("show the quote only to the user they were issued to, even where others see the button", async () => {
    const { standin } = scenario;
    const since = standin.sentMessages(group.id).length;
    standin.sendText(reader, `@${standin.botUsername} Кто зажигал огонь маяка?`, { chat: group });
    const [answer] = await scenario.replies(group.id, since);
    const data = answer?.replyMarkup?.inline_keyboard.flat()[0]?.callback_data;
    if (!answer || !data) throw new Error("the group answer has no quote button");

    // Another allowed member of the group presses it: refused, and nothing is posted.
    const foreign = await callbackAnswer(standin.pressButton(colleague, answer, data));
    expect(foreign.params.text).toBe(en.sourceNotYours);
    // An admin is not the asker either.
    const byAdmin = await callbackAnswer(standin.pressButton(admin, answer, data));
    expect(byAdmin.params.text).toBe(ru.sourceNotYours);
    // Replayed in the presser's own chat, the data still belongs to the reader.
    const [ownAnswer] = await scenario.ask(colleague, "Who lit the lighthouse fire?");
    if (!ownAnswer) throw new Error("no answer to the colleague");
    const replayed = await callbackAnswer(standin.pressButton(colleague, ownAnswer, data));
    expect(replayed.params.text).toBe(en.sourceNotYours);
    await waitForQuiet(standin);
    expect(standin.sentMessages(group.id)).toHaveLength(since + 1);
    expect(standin.sentMessages(colleague.id).filter((message) => message.text.startsWith("Quote ["))).toEqual([]);

    // The asker gets the quote.
    const own = await callbackAnswer(standin.pressButton(reader, answer, data));
    expect(own.params.text).toBeUndefined();
    const [quote] = await scenario.replies(group.id, since + 1);
    expect(quote?.text).toMatch(new RegExp(`^Цитата \\[1\\] ${LIGHTHOUSE_TITLE}`));
  });
});
