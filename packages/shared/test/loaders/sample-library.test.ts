// The sample library script (scripts/make-sample-library.ts) as the docs run it: it writes four
// books from our own docs, and every one of them loads with its chapters or pages.
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadBook } from "../../src/loaders/index.js";
import { flat, TEST_LIMITS, useTempDir } from "./temp-dir.js";

const run = promisify(execFile);
const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const dir = useTempDir("sample-library");

describe("scripts/make-sample-library.ts", () => {
  it("renders the docs into a PDF, an EPUB, a windows-1251 FB2 and a Markdown copy that all load", async () => {
    const { stdout } = await run("node", ["--import", "tsx", "scripts/make-sample-library.ts", "--out", dir()], {
      cwd: REPO_ROOT,
    });
    expect(stdout).toContain("ai-library-bot-docs.pdf");
    const files = (await readdir(dir())).sort();
    expect(files).toEqual([
      "ai-library-bot-README.md",
      "ai-library-bot-docs.epub",
      "ai-library-bot-docs.fb2",
      "ai-library-bot-docs.pdf",
    ]);

    const readme = await readFile(join(REPO_ROOT, "README.md"), "utf8");
    expect(await readFile(join(dir(), "ai-library-bot-README.md"), "utf8")).toBe(readme);
    const firstHeading = /^# (.+)$/m.exec(readme)?.[1] ?? "";

    const pdf = await loadBook(join(dir(), "ai-library-bot-docs.pdf"), TEST_LIMITS);
    expect(pdf.sections.map((section) => section.page)).toEqual(
      Array.from({ length: pdf.pageCount ?? 0 }, (_, i) => i + 1),
    );
    expect(pdf.sections[0]?.text.startsWith(firstHeading)).toBe(true);

    const epub = await loadBook(join(dir(), "ai-library-bot-docs.epub"), TEST_LIMITS);
    const fb2 = await loadBook(join(dir(), "ai-library-bot-docs.fb2"), TEST_LIMITS);
    expect(fb2.sections.map((section) => section.chapter)).toEqual(epub.sections.map((section) => section.chapter));
    expect(epub.sections[0]?.chapter).toBe(firstHeading);
    // The same words in every format: the PDF pages and the FB2 chapters hold the same text.
    const pdfWords = flat(pdf.sections.map((section) => section.text).join(" "));
    const someFb2Paragraph = flat(fb2.sections[1]?.text.split("\n\n")[0]);
    expect(pdfWords).toContain(someFb2Paragraph);
    expect(fb2.language).toBe("ru");
  });
});
