// Turns (X)HTML into clean text: block elements become line breaks, scripts, styles and the
// head are skipped, entities are decoded, paragraph breaks are kept. Used for EPUB chapters
// and rendered Markdown.
import { Parser } from "htmlparser2";
import { cleanText } from "./clean-text.js";

const PARAGRAPH_BLOCKS = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "table",
  "ul",
  "ol",
  "dl",
  "section",
  "article",
  "header",
  "footer",
  "aside",
  "nav",
  "figure",
  "figcaption",
  "address",
  "hr",
  "main",
]);
// "text" is SVG text (fixed-layout books draw their words as SVG).
const LINE_BLOCKS = new Set(["br", "li", "tr", "dt", "dd", "caption", "text"]);
const CELLS = new Set(["td", "th"]);
// Never reading text: code, styling, metadata, and ruby pronunciation hints.
const SKIPPED = new Set(["script", "style", "head", "title", "noscript", "template", "rt", "rp"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

export interface HtmlText {
  text: string;
  /** Text of the first h1–h6, a fallback chapter title. */
  firstHeading?: string;
}

// Breaks are collected as markers (private-use characters, which no book text carries after
// the replacement in ontext) and resolved at the end, so nested blocks (</li></ul></div>)
// give one break, not a pile of blank lines: any paragraph marker in a run wins over line markers.
const LINE = "\uE000";
const PARAGRAPH = "\uE001";

function resolveBreaks(marked: string): string {
  return marked.replace(/[ \t]*[\uE000\uE001][\s\uE000\uE001]*/g, (run) => (run.includes(PARAGRAPH) ? "\n\n" : "\n"));
}

export function htmlToText(html: string): HtmlText {
  const parts: string[] = [];
  let skipDepth = 0;
  let preDepth = 0;
  let heading: string[] | undefined;
  let firstHeading: string | undefined;
  let cellInRow = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipDepth += 1;
        if (name === "pre") preDepth += 1;
        if (PARAGRAPH_BLOCKS.has(name)) parts.push(PARAGRAPH);
        else if (LINE_BLOCKS.has(name)) parts.push(LINE);
        else if (CELLS.has(name)) parts.push(cellInRow++ > 0 ? " | " : " ");
        if (name === "tr") cellInRow = 0;
        if (HEADINGS.has(name) && firstHeading === undefined && skipDepth === 0) heading = [];
      },
      ontext(text) {
        if (skipDepth > 0) return;
        const visible = text.replace(/[\uE000\uE001]/g, " ");
        const piece = preDepth > 0 ? visible : visible.replace(/\s+/g, " ");
        parts.push(piece);
        heading?.push(piece);
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (name === "pre") preDepth = Math.max(0, preDepth - 1);
        if (PARAGRAPH_BLOCKS.has(name)) parts.push(PARAGRAPH);
        else if (LINE_BLOCKS.has(name) && name !== "br") parts.push(LINE);
        if (HEADINGS.has(name) && heading) {
          const title = cleanText(heading.join("")).replace(/\s+/g, " ");
          if (title) firstHeading = title;
          heading = undefined;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  return { text: cleanText(resolveBreaks(parts.join(""))), ...(firstHeading ? { firstHeading } : {}) };
}
