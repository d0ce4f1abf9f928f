// Citations name the right place in a PDF: the outline entry a passage falls under, the page label
// the reader's viewer shows, and quotes without running headers. A generated book with an outline
// and roman front matter, two real LaTeX PDFs from the corpus, and the pure functions underneath.
import { join } from "node:path";
import { writePdfBook } from "@ai-library/book-fixtures";
import { describe, expect, it } from "vitest";
import { type BookSection, loadBook } from "../../src/loaders/index.js";
import type { OutlineEntry } from "../../src/loaders/pdf/outline-entries.js";
import { outlineRunningHeadTest } from "../../src/loaders/pdf/outline-running-heads.js";
import { sectionsFromPages } from "../../src/loaders/pdf/outline-sections.js";
import { CORPUS, TEST_LIMITS, useTempDir } from "./temp-dir.js";

const dir = useTempDir("pdf-outline");

const HEADER = "Fixture Handbook";
const LABELS = ["i", "ii", "3", "4", "5", "6", "7", "8", "9", "10"];
const page = (label: string, ...paragraphs: string[]) => [HEADER, ...paragraphs, label].join("\n\n");
const PAGES = [
  page("i", "Preface", "This handbook was written for the tests of the library bot."),
  page("ii", "The preface goes on with thanks to the many readers of drafts."),
  page(
    "3",
    "1 Getting Started",
    "Before anything else, read the whole chapter once.",
    "1.1 Installing",
    "Run the installer from the first disc.",
  ),
  page("4", "1.2 Configuring", "Edit the settings file with any text editor."),
  page("5", "Configuration continues with the network proxy and the locale."),
  page("6", "2 Networking", "Networks connect computers with cables and radio waves."),
  page(
    "7",
    "Cables should be labelled at both ends to save time later.",
    "2.1 Addresses",
    "Every interface gets an address from the router.",
    "2.2 Routing",
    "Routes tell packets which way to go next.",
  ),
  page("8", "Static routes are written in the interfaces file."),
  page("9", "3 Troubleshooting", "When nothing works, read the logs first."),
  page("10", "Logs live in the journal and in the var log folder."),
];
const OUTLINE = [
  { title: "Preface", page: 1 },
  { title: "1 Getting Started", page: 3 },
  { title: "1.1 Installing", page: 3, depth: 1 },
  { title: "1.2 Configuring", page: 4, depth: 1 },
  { title: "2 Networking", page: 6 },
  { title: "2.1 Addresses", page: 7, depth: 1 },
  { title: "2.2 Routing", page: 7, depth: 1 },
  { title: "3 Troubleshooting", page: 9 },
];

async function fixtureBook() {
  const path = join(dir(), "handbook.pdf");
  await writePdfBook({
    path,
    title: "Fixture Handbook",
    pages: PAGES,
    outline: OUTLINE,
    pageLabels: [
      { startPage: 1, style: "r" },
      { startPage: 3, style: "D", firstNumber: 3 },
    ],
  });
  return loadBook(path, TEST_LIMITS);
}

const onPage = (sections: BookSection[], n: number) => sections.filter((section) => section.page === n);

describe("a PDF with an outline, page labels and running headers", () => {
  it("cites each stretch of text under its innermost outline entry, cutting pages at headings", async () => {
    const book = await fixtureBook();
    expect(book.sections.every((section) => section.chapter === undefined)).toBe(true);
    expect(onPage(book.sections, 2).map((section) => section.section)).toEqual(["Preface"]);
    // "1 Getting Started" has text of its own before "1.1 Installing" on the same page.
    expect(onPage(book.sections, 3).map(({ section, text }) => ({ section, text }))).toEqual([
      { section: "1 Getting Started", text: "1 Getting Started\n\nBefore anything else, read the whole chapter once." },
      { section: "1.1 Installing", text: "1.1 Installing\n\nRun the installer from the first disc." },
    ]);
    expect(onPage(book.sections, 5).map((section) => section.section)).toEqual(["1.2 Configuring"]);
    // Text above the first heading of a page belongs to the entry of the pages before.
    expect(onPage(book.sections, 7).map((section) => [section.section, section.text.split("\n")[0]])).toEqual([
      ["2 Networking", "Cables should be labelled at both ends to save time later."],
      ["2.1 Addresses", "2.1 Addresses"],
      ["2.2 Routing", "2.2 Routing"],
    ]);
    expect(onPage(book.sections, 10).map((section) => section.section)).toEqual(["3 Troubleshooting"]);
  });

  it("labels the roman front matter and leaves arabic pages equal to their number unlabelled", async () => {
    const book = await fixtureBook();
    expect(onPage(book.sections, 1)[0]?.pageLabel).toBe("i");
    expect(onPage(book.sections, 2)[0]?.pageLabel).toBe("ii");
    for (const section of book.sections.filter((candidate) => (candidate.page ?? 0) >= 3)) {
      expect(section.pageLabel, `page ${section.page}`).toBeUndefined();
    }
  });

  it("drops the running header and the page numbers but keeps every body sentence", async () => {
    const book = await fixtureBook();
    const text = book.sections.map((section) => section.text).join("\n");
    expect(text).not.toContain(HEADER);
    for (const [index, pageText] of PAGES.entries()) {
      const lines = text.split("\n");
      expect(lines, `page ${index + 1}`).not.toContain(LABELS[index]);
      for (const paragraph of pageText.split("\n\n").slice(1, -1)) expect(text).toContain(paragraph);
    }
  });
});

describe("real LaTeX PDFs with outlines", () => {
  it("cites the lecture notes' subsections (hyperref named destinations)", async () => {
    const book = await loadBook(`${CORPUS}/pdf/hse-tex_mathematical-analysis.pdf`, TEST_LIMITS);
    const page21 = onPage(book.sections, 21);
    expect(page21[0]?.section).toBe("Нижняя и верхняя суммы Дарбу");
    expect(page21[0]?.text).toMatch(/^6 Лекция 6\n+6\.1 Нижняя и верхняя суммы Дарбу/);
    expect(page21.map((section) => section.section)).toContain("Верхние и нижние интегралы Дарбу");
    // 6.6's bookmark points to the foot of page 21, its heading opens page 22: page 22 goes on
    // under the last entry that started before it.
    expect(onPage(book.sections, 22)[0]?.section).toBe("Интеграл Дарбу как предел сумм Дарбу");
  });

  it("takes the roman and arabic page labels of a German lecture script", async () => {
    const book = await loadBook(`${CORPUS}/pdf/GeoTopo-komprimiert.pdf`, TEST_LIMITS);
    expect(onPage(book.sections, 1)[0]?.pageLabel).toBe("i");
    expect(onPage(book.sections, 6)[0]).toMatchObject({ pageLabel: "3", section: "1.1 Topologische Räume" });
    // Its running heads ("4 1.1. TOPOLOGISCHE RÄUME") are gone from the page text.
    expect(onPage(book.sections, 7)[0]?.text).not.toMatch(/^4 1\.1\. TOPOLOGISCHE RÄUME/);
  });
});

describe("sectionsFromPages", () => {
  const entry = (title: string, page: number, depth = 0): OutlineEntry => ({ title, page, depth });

  it("carries an entry over empty pages and leaves pages before the first entry without a section", () => {
    const sections = sectionsFromPages(
      [
        { page: 1, text: "Cover text" },
        { page: 2, text: "Intro body" },
        { page: 5, text: "Still the intro" },
      ],
      [entry("Introduction", 2), entry("Lost section", 3)],
    );
    expect(sections).toEqual([
      { page: 1, text: "Cover text" },
      { page: 2, text: "Intro body", section: "Introduction" },
      { page: 5, text: "Still the intro", section: "Lost section" },
    ]);
  });

  it("gives a page the last entry starting on it when no heading can be found", () => {
    const sections = sectionsFromPages(
      [{ page: 1, text: "Nothing here looks like a heading" }],
      [entry("Alpha", 1), entry("Beta", 1, 1)],
    );
    expect(sections).toEqual([{ page: 1, text: "Nothing here looks like a heading", section: "Beta" }]);
  });

  it("finds a heading printed with a number the bookmark lacks, and one that wraps", () => {
    const sections = sectionsFromPages(
      [
        {
          page: 4,
          pageLabel: "iv",
          text: "end of before\n3 Лекция 3\nтекст\nA very long heading that\nwraps onto two lines\nbody",
        },
      ],
      [entry("Лекция 3", 4), entry("A very long heading that wraps onto two lines", 4, 1)],
    );
    expect(sections.map(({ section, text, pageLabel }) => [section, text.split("\n")[0], pageLabel])).toEqual([
      [undefined, "end of before", "iv"],
      ["Лекция 3", "3 Лекция 3", "iv"],
      ["A very long heading that wraps onto two lines", "A very long heading that", "iv"],
    ]);
  });
});

describe("outlineRunningHeadTest", () => {
  const entries: OutlineEntry[] = [
    { title: "Booting the Installation System", page: 30, depth: 0 },
    { title: "Boot Parameters", page: 31, depth: 1 },
    { title: "Troubleshooting the Installation Process", page: 35, depth: 1 },
    { title: "Using the Debian Installer", page: 40, depth: 0 },
  ];
  const isHead = outlineRunningHeadTest(entries);

  it("knows heads made of the enclosing titles, numbers and cut-short titles", () => {
    expect(isHead(33, "CHAPTER 5. BOOTING THE INSTALLATION SYSTEM 5.3. BOOT PARAMETERS")).toBe(true);
    expect(isHead(36, "CHAPTER 5. BOOTING THE INSTALLATION SYSTEM 5.4. TROUBLESHOOTING THE INSTALLATION …")).toBe(true);
    expect(isHead(33, "Chapter 5: Booting the Installation System 23")).toBe(true);
  });

  it("refuses body text, a bare title and titles of chapters the page is not in", () => {
    expect(isHead(33, "Booting the installation system is easy when the disc works")).toBe(false);
    expect(isHead(33, "Boot Parameters")).toBe(false);
    expect(isHead(41, "CHAPTER 5. BOOTING THE INSTALLATION SYSTEM 5.3. BOOT PARAMETERS")).toBe(false);
    expect(isHead(20, "CHAPTER 5. BOOTING THE INSTALLATION SYSTEM 5.3. BOOT PARAMETERS")).toBe(false);
  });
});
