// The offline answerer quotes the sentence that answers (wherever it sits in a passage),
// cites it with numbers that match `sources`, frames the answer in the question's
// language, and says plainly when the library has no answer.
import { describe, expect, it } from "vitest";
import { ANSWER_PHRASES } from "../../src/answer/answer-phrases.js";
import { createExtractiveAnswerer } from "../../src/answer/extractive-answerer.js";
import { gardenEn, gardenRu, lighthouseEn, lighthouseRu, passage } from "./passages.js";

const answerer = createExtractiveAnswerer();

describe("extractive answerer", () => {
  it("quotes the matching sentence from the middle of a passage, not its first line", async () => {
    const answer = await answerer.answer("Во сколько смотритель зажигал лампу маяка?", [gardenRu, lighthouseRu], {
      language: "ru",
    });
    expect(answer.notFound).toBe(false);
    expect(answer.text.startsWith("По книгам библиотеки:")).toBe(true);
    expect(answer.text).toContain("«Смотритель маяка зажигал лампу ровно в восемь часов вечера");
    expect(answer.text).not.toContain("Маяк стоял на скалистом мысу");
    expect(answer.sources[0]).toBe(lighthouseRu);
  });

  it("numbers citations in the order of `sources`, which holds only quoted passages", async () => {
    const clocks = passage("Часы на башне били каждый час. Смотритель заводил часы по воскресеньям.", {
      title: "Башня",
      score: 0.3,
    });
    const question = "Когда смотритель зажигал лампу и когда заводил часы?";
    const answer = await answerer.answer(question, [gardenRu, clocks, lighthouseRu], { language: "ru" });
    expect(answer.sources).toEqual([lighthouseRu, clocks]);
    const cited = [...answer.text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    expect(cited).toEqual([1, 2]);
    for (const line of answer.text.split("\n").slice(1)) {
      const number = Number(/\[(\d+)\]$/.exec(line)?.[1]);
      const quote = /«(.*)»/.exec(line)?.[1] ?? "";
      expect(answer.sources[number - 1]?.text).toContain(quote);
    }
  });

  it("frames an English question in English", async () => {
    const answer = await answerer.answer("When did the keeper light the lamp?", [gardenEn, lighthouseEn], {
      language: "en",
    });
    expect(answer.language).toBe("en");
    expect(answer.text).toMatch(/^From the books in the library:\n“The keeper lit the lamp at exactly eight o'clock/);
    expect(answer.text).toContain("[1]");
  });

  it("says the library has no answer to an unrelated question, with no sources", async () => {
    for (const [question, language] of [
      ["Какова температура плавления вольфрама?", "ru"],
      ["What is the boiling point of tungsten?", "en"],
    ] as const) {
      const answer = await answerer.answer(question, [lighthouseRu, gardenRu, lighthouseEn, gardenEn], { language });
      expect(answer).toEqual({ text: ANSWER_PHRASES[language].notFound, sources: [], notFound: true, language });
    }
  });

  it("does not answer from passages the index found dissimilar, even with a shared word", async () => {
    const far = passage("Смотритель зоопарка кормил тигров.", { score: 0.01 });
    const answer = await answerer.answer("Кого кормил смотритель?", [far], { language: "ru" });
    expect(answer.notFound).toBe(true);
  });

  it("quotes a sentence repeated by overlapping chunks only once", async () => {
    const overlap = passage(lighthouseRu.text.slice(lighthouseRu.text.indexOf("Смотритель маяка")), { position: 1 });
    const answer = await answerer.answer("Когда смотритель маяка зажигал лампу?", [lighthouseRu, overlap], {
      language: "ru",
    });
    expect(answer.text.match(/зажигал лампу/g)).toHaveLength(1);
  });

  it("calls onPartial once with the final text", async () => {
    const partials: string[] = [];
    const answer = await answerer.answer("Когда цвели яблони?", [gardenRu], {
      language: "ru",
      onPartial: (text) => partials.push(text),
    });
    expect(partials).toEqual([answer.text]);
    expect(answer.text).toContain("Яблони цвели в мае");
  });

  it("trims a run-on sentence to the part around the question's words", async () => {
    const runOn = passage(`${"слово ".repeat(150)}здесь смотритель маяка зажигал лампу ${"текст ".repeat(150)}`);
    const answer = await answerer.answer("Кто зажигал лампу маяка?", [runOn], { language: "ru" });
    const quote = /«(.*)»/.exec(answer.text)?.[1] ?? "";
    expect(quote).toContain("смотритель маяка зажигал лампу");
    expect(quote.length).toBeLessThanOrEqual(402);
    expect(quote.startsWith("…")).toBe(true);
  });
});
