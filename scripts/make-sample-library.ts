// Builds the sample library from the project's own Russian operator docs (README.md and every
// docs/*.md; README.md and .env.example while docs/ is empty): one PDF, one EPUB, one FB2 in
// windows-1251 and one Markdown file, in data/sample-books/ (or --out DIR). Our own text only,
// so the library may ship with the project. Idempotent: every run overwrites the same files.
//   tsx scripts/make-sample-library.ts [--out DIR]
import { copyFile, mkdir, readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeEpubBook, writeFb2Book, writePdfBook } from "@ai-library/book-fixtures";
import { markdownToChapters } from "@ai-library/shared/loaders";

const ROOT = resolve(import.meta.dirname, "..");
const TITLE = "ai_library_bot: документация оператора";
const AUTHOR = "Команда ai_library_bot";
const PAGE_CHARS = 2500;
/** What fits on an A4 page at the smallest font writePdfBook may use (pdfkit adds a gap after every line), with room to spare. */
const PAGE_LINES = 50;
const LINE_CHARS = 100;

interface Chapter {
  title: string;
  text: string;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function sourceFiles(): Promise<string[]> {
  const docsDir = join(ROOT, "docs");
  const docs = (await exists(docsDir)) ? (await readdir(docsDir)).filter((name) => name.endsWith(".md")).sort() : [];
  if (docs.length > 0) return [join(ROOT, "README.md"), ...docs.map((name) => join(docsDir, name))];
  return [join(ROOT, "README.md"), join(ROOT, ".env.example")];
}

/** One chapter per "#" or "##" section; .env.example becomes one chapter of its own. */
async function readChapters(files: string[]): Promise<Chapter[]> {
  const chapters: Chapter[] = [];
  for (const file of files) {
    if (!(await exists(file))) continue;
    const source = await readFile(file, "utf8");
    if (!file.endsWith(".md")) {
      chapters.push({ title: `Переменные окружения (${basename(file)})`, text: source.trim() });
      continue;
    }
    for (const chapter of markdownToChapters(source, 2)) {
      chapters.push({ title: chapter.title ?? basename(file, ".md"), text: chapter.text });
    }
  }
  return chapters;
}

/** Pieces of at most `limit` characters, cut at line ends (or spaces) so no word is split. */
function splitLongParagraph(paragraph: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = paragraph;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut = Math.max(window.lastIndexOf("\n"), window.lastIndexOf(" "));
    const at = cut > limit / 2 ? cut : limit;
    pieces.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  return rest ? [...pieces, rest] : pieces;
}

/** Lines a paragraph takes on the page: its own lines, long ones wrapped, and the gap after it. */
function printedLines(paragraph: string): number {
  return paragraph.split("\n").reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / LINE_CHARS)), 0) + 1;
}

/**
 * Pages of about PAGE_CHARS characters and at most PAGE_LINES printed lines (a page of short
 * command lines fills the height long before the characters run out); paragraphs stay whole
 * unless one alone is longer than a page.
 */
function paginate(chapters: Chapter[]): string[] {
  const paragraphs = chapters.flatMap((chapter) => [chapter.title, ...chapter.text.split(/\n{2,}/)]);
  const pages: string[] = [];
  let page: string[] = [];
  let length = 0;
  let lines = 0;
  for (const paragraph of paragraphs.flatMap((p) => splitLongParagraph(p, PAGE_CHARS))) {
    const full = length + paragraph.length > PAGE_CHARS || lines + printedLines(paragraph) > PAGE_LINES;
    if (full && page.length > 0) {
      pages.push(page.join("\n\n"));
      page = [];
      length = 0;
      lines = 0;
    }
    page.push(paragraph);
    length += paragraph.length + 2;
    lines += printedLines(paragraph);
  }
  if (page.length > 0) pages.push(page.join("\n\n"));
  return pages;
}

async function report(path: string, what: string): Promise<void> {
  const { size } = await stat(path);
  const shown = relative(process.cwd(), path);
  console.log(`wrote ${shown.startsWith("..") ? path : shown} (${what}, ${Math.ceil(size / 1024)} KiB)`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const outDir = values.out ? resolve(values.out) : join(ROOT, "data", "sample-books");
  await mkdir(outDir, { recursive: true });
  const files = await sourceFiles();
  const chapters = await readChapters(files);
  if (chapters.length === 0) throw new Error("no documentation found: README.md is missing");
  console.log(`sources: ${files.map((file) => relative(ROOT, file)).join(", ")}`);

  const pdf = join(outDir, "ai-library-bot-docs.pdf");
  const pages = paginate(chapters);
  await writePdfBook({ path: pdf, title: TITLE, author: AUTHOR, pages });
  await report(pdf, `${pages.length} pages`);

  const epub = join(outDir, "ai-library-bot-docs.epub");
  await writeEpubBook({ path: epub, title: TITLE, author: AUTHOR, language: "ru", chapters });
  await report(epub, `${chapters.length} chapters`);

  const fb2 = join(outDir, "ai-library-bot-docs.fb2");
  await writeFb2Book({
    path: fb2,
    title: TITLE,
    author: AUTHOR,
    language: "ru",
    sections: chapters,
    encoding: "windows-1251",
  });
  await report(fb2, `${chapters.length} sections, windows-1251`);

  const markdown = join(outDir, "ai-library-bot-README.md");
  await copyFile(join(ROOT, "README.md"), markdown);
  await report(markdown, "copied as is");
}

await main();
