// Reads a Markdown book: chapters at headings of levels 1–3, sections at deeper ones (too small
// to be chapters, still worth naming in a citation), plain text without markup.
// Title: the first "# heading", else the file name.
import { titleFromFileName } from "../title-from-file-name.js";
import { BookLoadError, type ParsedBook } from "../types.js";
import { readTextFile, type TextLoadOptions } from "./load-text-book.js";
import { markdownTitle, markdownToChapters } from "./markdown-chapters.js";

const MAX_CHAPTER_DEPTH = 3;

export async function loadMarkdownBook(path: string, options: TextLoadOptions): Promise<ParsedBook> {
  const source = await readTextFile(path, options);
  const sections = markdownToChapters(source, MAX_CHAPTER_DEPTH).map(({ title, section, text }) => ({
    text,
    ...(title ? { chapter: title } : {}),
    ...(section ? { section } : {}),
  }));
  if (sections.length === 0) throw new BookLoadError("empty", path, "в файле Markdown нет текста");
  return { format: "md", title: markdownTitle(source) ?? titleFromFileName(path), sections };
}
