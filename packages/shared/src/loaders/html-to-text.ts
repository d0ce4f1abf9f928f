// Turns (X)HTML into clean text: block elements become line breaks, scripts, styles and the
// head are skipped, entities are decoded, paragraph breaks are kept. Used for EPUB chapters
// and rendered Markdown.
import { Parser } from "htmlparser2";
import { cleanText } from "./clean-text.js";

const PARAGRAPH_BLOCKS = new Set([
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl",
  "section", "article", "header", "footer", "aside", "nav", "figure", "figcaption", "address", "hr", "main",
]);
const LINE_BLOCKS = new Set(["br", "li", "tr", "dt", "dd", "caption"]);
const CELLS = new Set(["td", "th"]);
// Never reading text: code, styling, metadata, and ruby pronunciation hints.
const SKIPPED = new Set(["script", "style", "head", "title", "noscript", "template", "rt", "rp"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

export interface HtmlText {
  text: string;
  /** Text of the first h1–h6, a fallback chapter title. */
  firstHeading?: string;
}

export function htmlToText(html: string): HtmlText {
  const parts: string[] = [];
  let skipDepth = 0;
  let preDepth = 0;
  let heading: string[] | undefined;
  let firstHeading: string | undefined;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipDepth += 1;
        if (name === "pre") preDepth += 1;
        if (PARAGRAPH_BLOCKS.has(name)) parts.push("\n\n");
        else if (LINE_BLOCKS.has(name)) parts.push("\n");
        else if (CELLS.has(name)) parts.push(" ");
        if (HEADINGS.has(name) && firstHeading === undefined && skipDepth === 0) heading = [];
      },
      ontext(text) {
        if (skipDepth > 0) return;
        const piece = preDepth > 0 ? text : text.replace(/\s+/g, " ");
        parts.push(piece);
        heading?.push(piece);
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (name === "pre") preDepth = Math.max(0, preDepth - 1);
        if (PARAGRAPH_BLOCKS.has(name)) parts.push("\n\n");
        else if (LINE_BLOCKS.has(name) && name !== "br") parts.push("\n");
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
  return { text: cleanText(parts.join("")), ...(firstHeading ? { firstHeading } : {}) };
}
