// Behaviour of the text helpers that search and answers depend on: language choice,
// matching of inflected/hyphenated/accented forms, and sentence boundaries.
import { describe, expect, it } from "vitest";
import {
  detectLanguage,
  isStopword,
  normaliseForSearch,
  searchTerms,
  splitSentences,
  stem,
  tokenize,
} from "../../src/text/index.js";
import { hasDiacritics } from "../../src/text/normalise-for-search.js";

describe("detectLanguage", () => {
  it("answers Russian for Cyrillic text, even with Latin product names inside", () => {
    expect(detectLanguage("Что такое PDF.js и зачем он нужен?")).toBe("ru");
  });
  it("answers English for Latin text", () => {
    expect(detectLanguage("How does the tracing JIT record loops?")).toBe("en");
  });
  it("defaults to Russian when there is nothing to judge by", () => {
    expect(detectLanguage("")).toBe("ru");
    expect(detectLanguage("1998?")).toBe("ru");
  });
});

describe("normaliseForSearch", () => {
  it("folds case and ё so that Ёлка and елка match", () => {
    expect(normaliseForSearch("Ёлка ЁЖ")).toBe("елка еж");
  });
  it("joins a word hyphenated at a line end but keeps a real hyphen before a capital", () => {
    expect(normaliseForSearch("биб-\nлиотека")).toBe("библиотека");
    expect(normaliseForSearch("Санкт-\nПетербург")).toContain("санкт-");
  });
  it("strips Latin diacritics but keeps й", () => {
    expect(normaliseForSearch("Naïve café, йогурт")).toBe("naive cafe, йогурт");
  });
  it("strips stress marks from Russian text, so «уда́рение» from a textbook matches «ударение»", () => {
    expect(normaliseForSearch("Уда\u0301рение и по\u0301мнить")).toBe("ударение и помнить");
  });
  it("finds an accented letter or a combining mark wherever the Unicode regex does", () => {
    const regex = /[\u00c0-\u024f\u1e00-\u1eff]|\p{M}/u;
    const disagree: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const text = `книга ${String.fromCharCode(code)} книга`;
      // Twice: the first call classifies the character, the second reads the remembered class.
      if (hasDiacritics(text) !== regex.test(text) || hasDiacritics(text) !== regex.test(text)) {
        disagree.push(code.toString(16));
      }
    }
    expect(disagree).toEqual([]);
    expect(hasDiacritics("нота \u{1d165}")).toBe(true); // an astral combining mark (musical stem)
    expect(hasDiacritics("эмодзи \u{1f4da} и буква \u{1d400}")).toBe(false);
  });
  it("drops soft hyphens", () => {
    expect(normaliseForSearch("кни\u00adга")).toBe("книга");
  });
});

describe("tokenize", () => {
  it("splits on punctuation and keeps letters and digits of any script", () => {
    expect(tokenize("PDF.js — в 1998 году; «Война и мир»!")).toEqual([
      "PDF",
      "js",
      "в",
      "1998",
      "году",
      "Война",
      "и",
      "мир",
    ]);
  });
});

describe("stem and searchTerms", () => {
  it("brings Russian inflected forms to one stem", () => {
    const stems = ["книга", "книги", "книгами", "книгу"].map((word) => stem(word, "ru"));
    expect(new Set(stems).size).toBe(1);
    expect(stem("библиотекой", "ru")).toBe(stem("библиотеки", "ru"));
  });
  it("brings English inflected forms to one stem", () => {
    expect(stem("libraries", "en")).toBe(stem("library", "en"));
    expect(stem("running", "en")).toBe(stem("runs", "en"));
  });
  it("drops stop words and stems each word by its own script", () => {
    expect(isStopword("и", "ru")).toBe(true);
    expect(isStopword("the", "en")).toBe(true);
    expect(searchTerms("Книгами и the Libraries")).toEqual([stem("книга", "ru"), stem("libraries", "en")]);
  });
  it("does not let 'quite', which stems to 'quit', answer for quitting", () => {
    // "How do I quit R?" matched every "not quite" of a novel in a library of twenty books.
    expect(stem("quite", "en")).toBe(stem("quit", "en"));
    expect(searchTerms("I am not quite my own master")).not.toContain(stem("quit", "en"));
    expect(searchTerms("How do I quit R?")).toContain(stem("quit", "en"));
  });
});

describe("splitSentences", () => {
  it("joins wrapped PDF lines and splits at sentence ends", () => {
    expect(splitSentences("Первая строка\nпродолжается здесь. Второе пред-\nложение!", "ru")).toEqual([
      "Первая строка продолжается здесь.",
      "Второе предложение!",
    ]);
  });
  it("does not cut after abbreviations and initials", () => {
    expect(splitSentences("Поэт А. С. Пушкин родился в 1799 г. в Москве. Это известно.", "ru")).toEqual([
      "Поэт А. С. Пушкин родился в 1799 г. в Москве.",
      "Это известно.",
    ]);
    expect(splitSentences("Dr. Watson met Mr. Holmes. They talked.", "en")).toEqual([
      "Dr. Watson met Mr. Holmes.",
      "They talked.",
    ]);
  });
  it("treats a blank line as a boundary even without a full stop", () => {
    expect(splitSentences("Глава первая\n\nТекст главы.", "ru")).toEqual(["Глава первая", "Текст главы."]);
  });
});

describe("tokenize fast path", () => {
  it("splits exactly like the Unicode word regex on mixed scripts, marks, digits and astral symbols", () => {
    const alphabet = [
      "а",
      "Я",
      "ё",
      "z",
      "É",
      "ß",
      "7",
      "٣",
      "中",
      "\u0301",
      " ",
      ",",
      "—",
      "×",
      "😀",
      "𝔸",
      "-",
      "\n",
      "’",
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 40 }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      expect(tokenize(text)).toEqual(text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []);
    }
  });
});
