// A scanned book through the real CLI process, as an operator and a reader meet it: the ingest
// report says how its pages got their text, and `ask` cites the scanned page with the OCR mark
// (terminal and --json). Real Tesseract, djvulibre, FAISS and SQLite; no Redis or network.
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeScannedDjvu } from "@ai-library/book-fixtures";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-helpers.js";

const work = mkdtempSync(join(tmpdir(), "cli-scanned-"));
const books = join(work, "books");
const env = { INDEX_DIR: join(work, "index"), LOG_DIR: join(work, "logs"), BOOKS_DIR: books, CHUNK_SIZE: "200" };

beforeAll(async () => {
  mkdirSync(books, { recursive: true });
  await writeScannedDjvu({
    path: join(books, "mayak.djvu"),
    title: "Журнал смотрителя",
    author: "Смотритель",
    pages: [
      "Весной на остров прилетали птицы, и скалы наполнялись голосами крачек и чаек. Летом приезжали учёные и считали гнёзда на обрывах.",
      "Зимой море замерзало у берега, и смотритель записывал в журнал толщину льда и направление ветра. По вечерам он чинил сети у печки.",
    ],
    dpi: 300,
    encoder: "cjb2",
  });
}, 120_000);

describe("a scanned DjVu through the CLI", () => {
  it("is reported page by page and cited with the OCR mark", async () => {
    const ingest = await runCli(["ingest", "--folder", books, "--inline"], env);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(
      /\[проиндексирована\] mayak\.djvu — фрагментов: \d+, страниц: 2; из текстового слоя 0, распознано OCR 2, не распознано 0/,
    );

    const terminal = await runCli(["ask", "Что смотритель записывал в журнал зимой?"], env);
    expect(terminal.code, terminal.stderr).toBe(0);
    // Chunks fill up line by line across page breaks, so the passage may begin on page 1.
    expect(terminal.stdout).toMatch(/Журнал смотрителя, с\. (1–)?2, распознано OCR/);

    const json = await runCli(["ask", "--json", "--k", "1", "толщину льда и направление ветра"], env);
    const [source] = (JSON.parse(json.stdout) as { sources: { page?: number; pageEnd?: number; ocr?: boolean }[] })
      .sources;
    expect(source?.ocr).toBe(true);
    expect(source?.pageEnd ?? source?.page).toBe(2);
  }, 180_000);
});
