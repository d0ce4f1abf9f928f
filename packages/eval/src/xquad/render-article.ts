// Renders one XQuAD article as a Markdown book: the title as its heading, each paragraph as a
// paragraph. Markdown punctuation in the text is escaped so the loader gives back the words
// as written (an answer such as "*" or "1." must not turn into emphasis or a list).
import type { XquadArticle } from "./load-xquad.js";

const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]<>()#+|~!]/g;

export function escapeMarkdown(text: string): string {
  return text
    .replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`)
    .replace(/^(\s*)(\d+)([.)])/gm, "$1$2\\$3")
    .replace(/^(\s*)([-=])/gm, "$1\\$2");
}

export function renderArticleMarkdown(article: XquadArticle): string {
  const body = article.paragraphs.map((paragraph) => escapeMarkdown(paragraph.context.trim())).join("\n\n");
  return `# ${escapeMarkdown(article.title)}\n\n${body}\n`;
}

/** A file name that sorts in article order and says which article it is. */
export function articleFileName(index: number, title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${String(index + 1).padStart(2, "0")}-${slug || "article"}.md`;
}
