// FB2 loading: declared encodings (windows-1251), sections as chapters, metadata, .fb2.zip.
import { join } from "node:path";
import { writeFb2Book } from "@ai-library/book-fixtures";
import { describe, expect, it } from "vitest";
import { loadBook } from "../../src/loaders/index.js";
import { CORPUS, TEST_LIMITS, useTempDir } from "./temp-dir.js";

const dir = useTempDir("fb2");

const SECTIONS = [
  {
    title: "Глава первая",
    text: "Съешь же ещё этих мягких французских булок, да выпей чаю.\n\nВторой абзац — с тире.",
  },
  { title: "Глава вторая → финал", text: "Знаки вне windows-1251: ≥ и → тоже сохраняются." },
];

describe("loadBook on FB2", () => {
  it("decodes a windows-1251 file and turns sections into chapters", async () => {
    const path = join(dir(), "book.fb2");
    await writeFb2Book({
      path,
      title: "Булки",
      author: "Иван Петрович Сидоров",
      encoding: "windows-1251",
      sections: SECTIONS,
    });
    const book = await loadBook(path, TEST_LIMITS);
    expect(book).toMatchObject({ format: "fb2", title: "Булки", author: "Иван Петрович Сидоров", language: "ru" });
    expect(book.sections).toEqual([
      {
        chapter: "Глава первая",
        text: "Съешь же ещё этих мягких французских булок, да выпей чаю.\n\nВторой абзац — с тире.",
      },
      { chapter: "Глава вторая → финал", text: "Знаки вне windows-1251: ≥ и → тоже сохраняются." },
    ]);
  });

  it("cites nested sections by their top-level section (chapter) and innermost titled section", async () => {
    const path = join(dir(), "nested.fb2");
    await writeFb2Book({
      path,
      title: "Справочник",
      encoding: "utf-8",
      sections: [
        {
          title: "Часть 1. Инструменты",
          text: "Вступление к части.",
          sections: [
            {
              title: "1.1 Сборка",
              text: "Текст о сборке.",
              sections: [{ title: "1.1.1 dpkg-dev", text: "Текст о dpkg-dev." }],
            },
            { title: "Часть 1. Инструменты", text: "Раздел с тем же заголовком, что у главы." },
          ],
        },
        { title: "Часть 2. Пакеты", text: "Текст второй части." },
      ],
    });
    const book = await loadBook(path, TEST_LIMITS);
    expect(book.sections).toEqual([
      { chapter: "Часть 1. Инструменты", text: "Вступление к части." },
      { chapter: "Часть 1. Инструменты", section: "1.1 Сборка", text: "Текст о сборке." },
      { chapter: "Часть 1. Инструменты", section: "1.1.1 dpkg-dev", text: "Текст о dpkg-dev." },
      { chapter: "Часть 1. Инструменты", text: "Раздел с тем же заголовком, что у главы." },
      { chapter: "Часть 2. Пакеты", text: "Текст второй части." },
    ]);
  });

  it("reads a zipped UTF-8 .fb2.zip", async () => {
    const path = join(dir(), "book.fb2.zip");
    await writeFb2Book({
      path,
      title: "Булки",
      author: "Анна Петрова",
      encoding: "utf-8",
      zip: true,
      sections: SECTIONS,
    });
    const book = await loadBook(path, TEST_LIMITS);
    expect(book.format).toBe("fb2");
    expect(book.author).toBe("Анна Петрова");
    expect(book.sections.map((section) => section.chapter)).toEqual(["Глава первая", "Глава вторая → финал"]);
  });

  it("reads the windows-1251 Anna Karenina sample", async () => {
    const book = await loadBook(`${CORPUS}/extra/fb2/karenina.fb2`, TEST_LIMITS);
    const partOne = book.sections.find((section) => section.chapter === "ЧАСТЬ ПЕРВАЯ");
    expect(partOne?.text).toContain(
      "Все счастливые семьи похожи друг на друга, каждая несчастливая семья несчастлива по-своему.",
    );
    // No title-info in this file: the body title names the book.
    expect(book.title).toBe("Лев Николаевич Толстой. АННА КАРЕНИНА");
  });
});
