// EPUB chapters and sections from the book's own table of contents (NCX or EPUB 3 nav, with
// #fragment anchors), on a Sphinx-shaped book whose every page carries navigation chrome.
import { join } from "node:path";
import { type SphinxChapter, type SphinxEpubSpec, writeSphinxEpubBook } from "@ai-library/book-fixtures";
import { describe, expect, it } from "vitest";
import { loadBook } from "../../src/loaders/index.js";
import type { BookSection } from "../../src/loaders/types.js";
import { TEST_LIMITS, useTempDir } from "./temp-dir.js";

const dir = useTempDir("epub-toc");

const CODE = "dpkg-buildpackage --no-sign <пакет>\n    --build=source\n  echo dpkg-\nbuildpackage";

const CHAPTERS: SphinxChapter[] = [
  {
    file: "tools.xhtml",
    id: "overview-of-tools",
    title: "Обзор инструментов",
    paragraphs: ["Вводный текст главы об инструментах, до первого раздела."],
    sections: [
      {
        id: "core-tools",
        title: "Базовые инструменты",
        paragraphs: ["Эти инструменты нужны каждому сопровождающему."],
        sections: [
          {
            id: "dpkg-dev",
            title: "dpkg-dev",
            paragraphs: ["Пакет dpkg-dev собирает пакеты с исходным кодом."],
            code: CODE,
          },
          { id: "debconf", title: "debconf", paragraphs: ["Пакет debconf настраивает пакеты при установке."] },
        ],
      },
      { id: "lint-tools", title: "Проверка пакетов", paragraphs: ["Программа lintian находит типичные ошибки."] },
    ],
  },
  {
    file: "pkgs.xhtml",
    id: "managing-packages",
    title: "Управление пакетами",
    paragraphs: ["Глава о загрузке пакетов в архив."],
    sections: [
      { id: "new-packages", title: "Новые пакеты", paragraphs: ["Новый пакет сначала попадает в очередь NEW."] },
    ],
  },
  {
    file: "appendix.xhtml",
    id: "appendix",
    title: "Приложение",
    paragraphs: ["Приложение, которого нет в оглавлении."],
  },
];

const ROOT = "Справочник разработчика";

async function loadSphinxBook(name: string, spec: Partial<SphinxEpubSpec>): Promise<BookSection[]> {
  const path = join(dir(), name);
  await writeSphinxEpubBook({
    path,
    title: ROOT,
    language: "ru",
    chapters: CHAPTERS,
    toc: "ncx",
    preface: "Предисловие справочника.",
    leftOutOfToc: ["appendix.xhtml"],
    ...spec,
  });
  return (await loadBook(path, TEST_LIMITS)).sections;
}

const places = (sections: BookSection[]) =>
  sections.map(({ chapter, section }) => (section ? `${chapter} › ${section}` : `${chapter}`));

const EXPECTED_PLACES = [
  ROOT,
  "Обзор инструментов",
  "Обзор инструментов › Базовые инструменты",
  "Обзор инструментов › dpkg-dev",
  "Обзор инструментов › debconf",
  "Обзор инструментов › Проверка пакетов",
  "Управление пакетами",
  "Управление пакетами › Новые пакеты",
  "3. Приложение",
];

function sectionAt(sections: BookSection[], section: string): BookSection | undefined {
  return sections.find((candidate) => candidate.section === section);
}

describe.each([
  ["an NCX", "ncx"],
  ["an EPUB 3 nav document in the spine", "nav"],
] as const)("a Sphinx EPUB with %s", (_label, toc) => {
  it("takes chapters and sections from the table of contents, split at its #fragment anchors", async () => {
    const sections = await loadSphinxBook(`sphinx-${toc}.epub`, { toc });
    expect(places(sections)).toEqual(EXPECTED_PLACES);
    expect(sectionAt(sections, "debconf")?.text).toBe(
      "1.1.2. debconf\n\nПакет debconf настраивает пакеты при установке.",
    );
  });

  it("gives the text before the first anchor to the file's own entry", async () => {
    const sections = await loadSphinxBook(`sphinx-${toc}-start.epub`, { toc });
    const start = sections.find((section) => section.chapter === "Обзор инструментов" && !section.section);
    expect(start?.text).toBe("1. Обзор инструментов\n\nВводный текст главы об инструментах, до первого раздела.");
  });

  it("never takes navigation chrome for a chapter, a section or text", async () => {
    const sections = await loadSphinxBook(`sphinx-${toc}-chrome.epub`, { toc });
    for (const section of sections) {
      expect(section.chapter).not.toMatch(/Навигация|Table of Contents/);
      expect(section.section ?? "").not.toMatch(/Навигация/);
      expect(section.text).not.toMatch(/Навигация|вперёд|назад|Created using Sphinx|Table of Contents/);
    }
    // The sidebar on every page lists every chapter: no chapter may carry another one's title.
    const tools = sections.filter((section) => section.chapter === "Обзор инструментов");
    expect(tools.map((section) => section.text).join("\n")).not.toContain("Управление пакетами");
    // The root page keeps its preface, not its toctree of links.
    expect(sections[0]?.text).toBe(`${ROOT}\n\nПредисловие справочника.`);
  });
});

describe.each([
  ["an NCX", "ncx"],
  ["an EPUB 3 nav document in the spine", "nav"],
] as const)("a Sphinx EPUB whose %s stops a level above its numbered sections", (_label, toc) => {
  it("names the deeper sections from the contents printed on the book's root page", async () => {
    const sections = await loadSphinxBook(`sphinx-${toc}-depth2.epub`, { toc, tocDepth: 2 });
    expect(places(sections)).toEqual(EXPECTED_PLACES);
    expect(sectionAt(sections, "dpkg-dev")?.text).toMatch(/^1\.1\.1\. dpkg-dev\n\nПакет dpkg-dev собирает/);
  });
});

describe("a Sphinx EPUB's pages", () => {
  it("leaves out a converter's contents page of links to the chapters", async () => {
    const sections = await loadSphinxBook("sphinx-contents.epub", { contentsPage: true });
    expect(places(sections)).toEqual(EXPECTED_PLACES);
    expect(sections.some((section) => section.text.includes("Содержание"))).toBe(false);
  });

  it("keeps code lines, their indentation and <placeholders> as written", async () => {
    const sections = await loadSphinxBook("sphinx-code.epub", {});
    expect(sectionAt(sections, "dpkg-dev")?.text).toBe(
      `1.1.1. dpkg-dev\n\nПакет dpkg-dev собирает пакеты с исходным кодом.\n\n${CODE}`,
    );
  });
});
