// Markdown to plain-text chapters: split at headings up to a depth (chapter = heading text),
// deeper headings as sections of their chapter, markup rendered with marked and flattened to
// text. Fenced code is never mistaken for headings.
import { Marked, type Token } from "marked";
import { htmlToText } from "../html-to-text.js";

export interface MarkdownChapter {
  /** Heading text; absent for text before the first heading. */
  title?: string;
  /** The deeper heading (below `maxDepth`) this text falls under, inside the chapter. */
  section?: string;
  text: string;
}

const FRONT_MATTER = /^---\n[\s\S]*?\n---\n/;
const marked = new Marked({ gfm: true });

function inlineText(markdown: string): string {
  return htmlToText(marked.parseInline(markdown, { async: false })).text.replace(/\s+/g, " ");
}

/**
 * Chapters with text, in order: split at headings up to `maxDepth`. Deeper headings start a
 * section of their chapter; they are too small to be chapters of their own but still name
 * where a passage is. A section's heading stays in its text as its first line.
 */
export function markdownToChapters(source: string, maxDepth = 3): MarkdownChapter[] {
  const tokens = marked.lexer(source.replace(/\r\n?/g, "\n").replace(FRONT_MATTER, ""));
  const groups: { title?: string; section?: string; tokens: Token[] }[] = [{ tokens: [] }];
  for (const token of tokens) {
    if (token.type === "heading" && token.depth <= maxDepth) {
      groups.push({ title: inlineText(token.text), tokens: [] });
    } else if (token.type === "heading") {
      const chapter = groups.at(-1)?.title;
      groups.push({ ...(chapter ? { title: chapter } : {}), section: inlineText(token.text), tokens: [token] });
    } else {
      groups.at(-1)?.tokens.push(token);
    }
  }
  const chapters: MarkdownChapter[] = [];
  for (const group of groups) {
    const { text } = htmlToText(marked.parser(group.tokens, { async: false }));
    if (!text) continue;
    chapters.push({
      text,
      ...(group.title ? { title: group.title } : {}),
      ...(group.section ? { section: group.section } : {}),
    });
  }
  return chapters;
}

/** The text of the first level-1 heading, the usual title of a Markdown document. */
export function markdownTitle(source: string): string | undefined {
  const heading = marked.lexer(source).find((token) => token.type === "heading" && token.depth === 1);
  return heading?.type === "heading" ? inlineText(heading.text) || undefined : undefined;
}
