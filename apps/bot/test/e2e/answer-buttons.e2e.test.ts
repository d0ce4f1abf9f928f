// «Ещё» and «Подробнее» under an answer, through the real bot process and the Bot API stand-in:
// «Ещё» pages through the next passages for the same question without repeating one, until
// nothing relevant is left; «Подробнее» shows the section around a source (also from the quote
// a source button opens); both belong to the asker only. BOT_SEARCH_K=1, so each page is one
// passage of the small test library.
import type { SentMessage } from "@ai-library/standins/telegram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scenario, startScenario } from "./scenario.js";
import { LIGHTHOUSE_TITLE } from "./test-library.js";

const reader = { id: 301, firstName: "Читатель", languageCode: "ru" };
const other = { id: 302, firstName: "Other", languageCode: "en" };

let scenario: Scenario;

beforeAll(async () => {
  scenario = await startScenario({ env: { BOT_SEARCH_K: "1" } });
});
afterAll(async () => {
  await scenario?.close();
});

const buttonData = (message: SentMessage | undefined, text: string) =>
  message?.replyMarkup?.inline_keyboard.flat().find((button) => button.text === text)?.callback_data;

/** The sources list of an answer: the lines after «Источники:». */
const sourcesOf = (message: SentMessage | undefined) => message?.text.split("Источники:\n")[1]?.split("\n") ?? [];

async function press(user: typeof reader, message: SentMessage, data: string): Promise<SentMessage[]> {
  const since = scenario.standin.sentMessages(user.id).length;
  scenario.standin.pressButton(user, message, data);
  return scenario.replies(user.id, since);
}

describe("answer buttons", () => {
  it("«Ещё» pages through further passages for the same question, never repeating one, then says there is no more", async () => {
    const [first] = await scenario.ask(reader, "Кто зажигал огонь маяка каждый вечер?");
    expect(first?.text).toContain("Игнат");
    const labels = first?.replyMarkup?.inline_keyboard.flat().map((button) => button.text);
    expect(labels).toEqual(["Цитата [1]", "Подробнее [1]", "Ещё ▸"]);

    const seen = [sourcesOf(first).join("\n")];
    let page = first;
    let data = buttonData(page, "Ещё ▸");
    for (let presses = 0; data && page && presses < 6; presses++) {
      const [next] = await press(reader, page, data);
      page = next;
      if (next?.text.startsWith("Других подходящих фрагментов")) break;
      expect(next?.text).toMatch(/^Ещё по вопросу «Кто зажигал огонь маяка каждый вечер\?»/);
      const cited = sourcesOf(next).join("\n");
      expect(cited).not.toBe("");
      expect(seen).not.toContain(cited);
      seen.push(cited);
      data = buttonData(next, "Ещё ▸");
    }
    // The lighthouse book's other pages come before nothing is left.
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.join("\n")).toMatch(/с\. (2–)?3/);
  });

  it("«Ещё» and «Подробнее» belong to the asker", async () => {
    const answer = scenario.standin.sentMessages(reader.id)[0];
    if (!answer) throw new Error("no answer");
    for (const label of ["Ещё ▸", "Подробнее [1]"]) {
      const data = buttonData(answer, label);
      if (!data) throw new Error(`no ${label} button`);
      const query = scenario.standin.pressButton(other, answer, data);
      const refusal = await scenario.standin.waitFor(
        () => scenario.standin.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === query),
        { what: `the refusal of someone else's ${label}` },
      );
      expect(refusal.params.text).toBe("This button belongs to someone else's question.");
    }
    expect(scenario.standin.sentMessages(other.id)).toHaveLength(0);
  });

  it("«Подробнее» shows the section around the source: the neighbouring pages of the book too", async () => {
    const answer = scenario.standin.sentMessages(reader.id)[0];
    const data = buttonData(answer, "Подробнее [1]");
    if (!answer || !data) throw new Error("no Подробнее button");
    const [section] = await press(reader, answer, data);
    expect(section?.text).toMatch(new RegExp(`^Раздел вокруг источника \\[1\\] ${LIGHTHOUSE_TITLE}, с\\. 1`));
    // The cited page and the pages after it, in reading order.
    const text = section?.text ?? "";
    expect(text).toContain("Каждый вечер смотритель Игнат поднимался по винтовой лестнице");
    expect(text).toContain("Пётр чистил линзы маяка мягкой тканью");
    expect(text.indexOf("Игнат поднимался")).toBeLessThan(text.indexOf("Пётр чистил линзы"));
  });

  it("the quote a source button opens has its own «Подробнее»", async () => {
    const answer = scenario.standin.sentMessages(reader.id)[0];
    const data = buttonData(answer, "Цитата [1]");
    if (!answer || !data) throw new Error("no quote button");
    const [quote] = await press(reader, answer, data);
    const expand = buttonData(quote, "Подробнее [1]");
    if (!quote || !expand) throw new Error("no Подробнее under the quote");
    const [section] = await press(reader, quote, expand);
    expect(section?.text).toMatch(/^Раздел вокруг источника \[1\]/);
  });
});
