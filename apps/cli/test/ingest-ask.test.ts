// The books-to-answers contract through the real CLI process: ingest, ask, add, rename,
// remove, re-ingest — with real files, real FAISS and SQLite, and no Redis or network.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeEpubBook, writeFb2Book, writePdfBook } from "@ai-library/book-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-helpers.js";

interface Report {
  published: boolean;
  generationId?: string;
  embeddedChunks: number;
  chunkCount: number;
  outcomes: { file: string; status: string; errorKind?: string; reason?: string; chunks?: number }[];
}
interface AskJson {
  answer: string;
  sources: {
    book: string;
    title: string;
    file: string;
    page?: number;
    pageEnd?: number;
    chapter?: string;
    score: number;
    text: string;
  }[];
}

const work = mkdtempSync(join(tmpdir(), "cli-ingest-"));
const books = join(work, "books");
const env = {
  INDEX_DIR: join(work, "index"),
  LOG_DIR: join(work, "logs"),
  BOOKS_DIR: books,
  PARSE_TIMEOUT_SECONDS: "60",
};

async function ingest(): Promise<{ code: number | null; report: Report; stderr: string }> {
  const result = await runCli(["ingest", "--folder", books, "--inline", "--json"], env);
  return { code: result.code, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

async function ask(question: string): Promise<AskJson> {
  const result = await runCli(["ask", "--json", "--k", "3", question], env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as AskJson;
}

const filler = (topic: string) =>
  Array.from({ length: 6 }, (_, i) => `Абзац ${i} рассказывает о теме «${topic}» подробно и последовательно.`).join(
    "\n\n",
  );

beforeAll(async () => {
  mkdirSync(books, { recursive: true });
  await writePdfBook({
    path: join(books, "astronomy.pdf"),
    title: "Астрономия для всех",
    author: "И. Звездочётов",
    pages: [
      filler("введение"),
      `${filler("планеты")}\n\nСатурн окружён кольцами из льда и камня, их ширина достигает двухсот восьмидесяти тысяч километров.`,
      filler("кометы"),
    ],
  });
  await writeEpubBook({
    path: join(books, "gardening.epub"),
    title: "The Practical Gardener",
    author: "Jane Root",
    language: "en",
    chapters: [
      { title: "Soil", text: "Good soil holds water and air. Compost feeds the soil with organic matter." },
      { title: "Tomatoes", text: "Tomatoes need at least eight hours of direct sunlight every day to ripen fully." },
    ],
  });
  writeFileSync(
    join(books, "notes.md"),
    "# Заметки пчеловода\n\n## Мёд\n\nЛиповый мёд собирают в июле, когда цветёт липа.\n",
  );
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("ai-library ingest --inline and ask", () => {
  it("indexes a folder of PDF, EPUB and Markdown books and answers with page and chapter citations", async () => {
    const first = await ingest();
    expect(first.code, first.stderr).toBe(0);
    expect(first.report.published).toBe(true);
    expect(first.report.outcomes.map((outcome) => [outcome.file, outcome.status]).sort()).toEqual([
      ["astronomy.pdf", "indexed"],
      ["gardening.epub", "indexed"],
      ["notes.md", "indexed"],
    ]);

    const saturn = await ask("Какой ширины кольца Сатурна?");
    const top = saturn.sources[0];
    expect(top).toMatchObject({ file: "astronomy.pdf", title: "Астрономия для всех" });
    // The sentence is printed on page 2; the chunk holding it may start on page 1 (cited as 1–2).
    expect(top?.page).toBeLessThanOrEqual(2);
    expect(top?.pageEnd ?? top?.page).toBeGreaterThanOrEqual(2);
    expect(saturn.sources[0]?.text).toContain("Сатурн окружён кольцами");
    expect(saturn.answer).toContain("двухсот восьмидесяти тысяч");

    const tomatoes = await ask("How many hours of sunlight do tomatoes need?");
    expect(tomatoes.sources[0]).toMatchObject({ file: "gardening.epub", chapter: "Tomatoes" });
    expect(tomatoes.answer).toMatch(/eight hours/);
  });

  it("re-embeds only the new book when one is added, and nothing when a file is renamed", async () => {
    await writeFb2Book({
      path: join(books, "karenina.fb2"),
      title: "Анна Каренина",
      author: "Лев Толстой",
      encoding: "windows-1251",
      sections: [
        {
          title: "Часть первая",
          text: "Все счастливые семьи похожи друг на друга, каждая несчастливая семья несчастлива по-своему.",
        },
      ],
    });
    const added = await ingest();
    expect(added.code).toBe(0);
    const byStatus = (report: Report, status: string) =>
      report.outcomes
        .filter((o) => o.status === status)
        .map((o) => o.file)
        .sort();
    expect(byStatus(added.report, "unchanged")).toEqual(["astronomy.pdf", "gardening.epub", "notes.md"]);
    expect(byStatus(added.report, "indexed")).toEqual(["karenina.fb2"]);
    const newChunks = added.report.outcomes.find((outcome) => outcome.file === "karenina.fb2")?.chunks;
    expect(added.report.embeddedChunks).toBe(newChunks);

    renameSync(join(books, "notes.md"), join(books, "beekeeping.md"));
    const renamed = await ingest();
    expect(renamed.report.embeddedChunks).toBe(0);
    expect(byStatus(renamed.report, "unchanged")).toContain("beekeeping.md");
    const honey = await ask("Когда собирают липовый мёд?");
    expect(honey.sources[0]?.file).toBe("beekeeping.md");
  });

  it("drops a removed book from the next generation", async () => {
    rmSync(join(books, "astronomy.pdf"));
    const removed = await ingest();
    expect(removed.code).toBe(0);
    expect(removed.report.outcomes.map((outcome) => outcome.file)).not.toContain("astronomy.pdf");
    const saturn = await ask("Какой ширины кольца Сатурна?");
    expect(saturn.sources.map((source) => source.file)).not.toContain("astronomy.pdf");
  });

  it("reports a broken book with its reason and still publishes the others", async () => {
    writeFileSync(join(books, "broken.pdf"), "%PDF-1.7\nthis is not really a pdf at all\n%%EOF\n");
    writeFileSync(join(books, "scan.docx"), "binary");
    const result = await ingest();
    expect(result.code).toBe(0);
    expect(result.report.published).toBe(true);
    const broken = result.report.outcomes.find((outcome) => outcome.file === "broken.pdf");
    expect(broken).toMatchObject({ status: "failed", errorKind: "corrupt" });
    expect(broken?.reason).toMatch(/broken\.pdf/);
    expect(result.report.outcomes.find((outcome) => outcome.file === "scan.docx")).toMatchObject({
      errorKind: "unsupported",
    });
    rmSync(join(books, "broken.pdf"));
    rmSync(join(books, "scan.docx"));
  });

  it("publishes nothing and exits non-zero when no book can be indexed, keeping the live index", async () => {
    const before = await ask("Когда собирают липовый мёд?");
    const empty = join(work, "empty");
    mkdirSync(empty);
    writeFileSync(join(empty, "bad.epub"), "not a zip");
    const result = await runCli(["ingest", "--folder", empty, "--inline"], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Индекс НЕ опубликован");
    const after = await ask("Когда собирают липовый мёд?");
    expect(after.sources[0]?.book).toBe(before.sources[0]?.book);
  });

  it("says clearly when no index has been published yet", async () => {
    const result = await runCli(["ask", "anything"], { ...env, INDEX_DIR: join(work, "no-index") });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ingest --folder/);
  });
});
