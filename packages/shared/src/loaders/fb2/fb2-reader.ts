// Streams FictionBook 2 XML into book metadata and chapters: the text of each <section> is
// cited by its top-level section's <title> (chapter) and its innermost titled section
// (section), in reading order, images skipped.
import { Parser } from "htmlparser2";
import { cleanText } from "../clean-text.js";
import type { BookSection } from "../types.js";

export interface Fb2Content {
  title?: string;
  author?: string;
  language?: string;
  /** The title of the first <body> (often "Author. Book"), for files without title-info. */
  bodyTitle?: string;
  sections: BookSection[];
}

interface Frame {
  title?: string;
  text: string[];
}

const PARAGRAPHS = new Set([
  "p",
  "subtitle",
  "empty-line",
  "epigraph",
  "cite",
  "poem",
  "stanza",
  "text-author",
  "table",
]);
const LINES = new Set(["v", "tr"]);
const AUTHOR_PARTS = ["first-name", "middle-name", "last-name"];

export function readFb2(xml: string): Fb2Content {
  const result: Fb2Content = { sections: [] };
  const path: string[] = [];
  const frames: Frame[] = [];
  const authorParts: Record<string, string> = {};
  let titleText: string[] | undefined;
  let field: string[] = [];

  const inside = (name: string) => path.includes(name);
  /** Emits the text of the innermost frame of `chain` (body, then nested sections). */
  const flush = (chain: Frame[]) => {
    const frame = chain.at(-1);
    if (!frame) return;
    const text = cleanText(frame.text.join(""));
    frame.text = [];
    if (!text) return;
    // Chapter: the outermost titled section (the body's title only when no section has one);
    // section: the innermost titled one, when it is another.
    const titled = chain.slice(1).filter((f) => f.title);
    const chapter = titled[0]?.title ?? chain[0]?.title;
    const innermost = titled.at(-1)?.title;
    result.sections.push({
      text,
      ...(chapter ? { chapter } : {}),
      ...(innermost && innermost !== chapter ? { section: innermost } : {}),
    });
  };

  const parser = new Parser(
    {
      onopentag(name) {
        const parent = path.at(-1);
        path.push(name);
        field = [];
        if (name === "body" || name === "section") {
          flush(frames); // text before a nested section comes first in reading order
          frames.push({ text: [] });
        } else if (name === "title" && (parent === "section" || parent === "body")) {
          titleText = [];
        } else if (PARAGRAPHS.has(name)) {
          (titleText ?? frames.at(-1)?.text)?.push("\n\n");
        } else if (LINES.has(name)) {
          frames.at(-1)?.text.push("\n");
        }
      },
      ontext(text) {
        if (inside("binary")) return;
        field.push(text);
        if (titleText) titleText.push(text);
        else if (frames.length > 0 && !inside("description")) frames.at(-1)?.text.push(text);
      },
      onclosetag(name) {
        path.pop();
        const value = cleanText(field.join("")).replace(/\s+/g, " ");
        if (inside("title-info")) {
          if (name === "book-title" && !result.title) result.title = value;
          if (name === "lang" && !result.language) result.language = value;
          if (AUTHOR_PARTS.includes(name) || name === "nickname") authorParts[name] ??= value;
          if (name === "author" && !result.author) result.author = authorName(authorParts);
        }
        if (name === "title" && titleText) {
          const title = cleanText(titleText.join("")).replace(/\s*\n+\s*/g, ". ");
          const frame = frames.at(-1);
          if (frame && title) frame.title = title;
          if (title && frames.length === 1 && !result.bodyTitle) result.bodyTitle = title;
          titleText = undefined;
        }
        if (name === "body" || name === "section") {
          flush(frames);
          frames.pop();
        }
        field = [];
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  return result;
}

function authorName(parts: Record<string, string>): string | undefined {
  const name = AUTHOR_PARTS.map((part) => parts[part])
    .filter(Boolean)
    .join(" ");
  return name || parts.nickname || undefined;
}
