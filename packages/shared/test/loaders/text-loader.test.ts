// TXT and Markdown loading: encodings, BOM, headings as chapters, hyphenation and markup removal.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { loadBook } from "../../src/loaders/index.js";
import { TEST_LIMITS, useTempDir } from "./temp-dir.js";

const dir = useTempDir("text");
const RUSSIAN = "Широкая электрификация южных губерний даст мощный толчок подъёму сельского хозяйства.";

describe("loadBook on TXT", () => {
  it("reads UTF-8 with a BOM and names the book after the file", async () => {
    const path = join(dir(), "Заметки_о_чтении.txt");
    await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RUSSIAN, "utf8")]));
    const book = await loadBook(path, TEST_LIMITS);
    expect(book).toEqual({ format: "txt", title: "Заметки о чтении", sections: [{ text: RUSSIAN }] });
  });

  it("falls back to windows-1251 when the bytes are not UTF-8", async () => {
    const path = join(dir(), "cp1251.txt");
    await writeFile(path, iconv.encode(RUSSIAN, "win1251"));
    expect((await loadBook(path, TEST_LIMITS)).sections[0]?.text).toBe(RUSSIAN);
  });

  it("joins words hyphenated at line ends, keeps real compounds, drops control characters", async () => {
    const path = join(dir(), "hyphens.txt");
    await writeFile(path, "Пример тек-\nста из книги.\r\nГород Санкт-\nПетербург.\u0007 Конец\u00a0строки.");
    expect((await loadBook(path, TEST_LIMITS)).sections[0]?.text).toBe(
      "Пример текста из книги.\nГород Санкт-Петербург. Конец строки.",
    );
  });

  it("reports a whitespace-only file as empty", async () => {
    const path = join(dir(), "blank.txt");
    await writeFile(path, " \n\t\n");
    await expect(loadBook(path, TEST_LIMITS)).rejects.toMatchObject({ kind: "empty" });
  });
});

describe("loadBook on Markdown", () => {
  const MARKDOWN = [
    "# Руководство оператора",
    "",
    "Вступление с **жирным** словом и [ссылкой](https://example.org).",
    "",
    "## Установка",
    "",
    "1. Скачайте архив.",
    "2. Запустите `pnpm install` &amp; ждите.",
    "",
    "### Проверка",
    "",
    "| Команда | Что делает |",
    "| --- | --- |",
    "| `pnpm test` | тесты |",
    "",
    "#### Мелкая деталь",
    "",
    "Текст под мелким заголовком остаётся в главе.",
  ].join("\n");

  it("splits chapters at headings and strips the markup", async () => {
    const path = join(dir(), "guide.md");
    await writeFile(path, MARKDOWN);
    const book = await loadBook(path, TEST_LIMITS);
    expect(book.title).toBe("Руководство оператора");
    expect(book.sections).toEqual([
      { chapter: "Руководство оператора", text: "Вступление с жирным словом и ссылкой." },
      { chapter: "Установка", text: "Скачайте архив.\nЗапустите pnpm install & ждите." },
      { chapter: "Проверка", text: "Команда | Что делает\npnpm test | тесты" },
      {
        chapter: "Проверка",
        section: "Мелкая деталь",
        text: "Мелкая деталь\n\nТекст под мелким заголовком остаётся в главе.",
      },
    ]);
  });
});
