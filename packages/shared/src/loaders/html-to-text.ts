// Turns (X)HTML into clean text: block elements become line breaks, scripts, styles, the head
// and navigation chrome (html-chrome.ts) are skipped, entities are decoded once, paragraph
// breaks and <pre> layout are kept. Optionally splits the text at given element ids (EPUB
// table-of-contents anchors). Used for EPUB chapters and rendered Markdown.
import { Parser } from "htmlparser2";
import { cleanText, countWordCharacters } from "./clean-text.js";
import { type Attributes, isChromeElement, isLinkBar, mayBeLinkBar } from "./html-chrome.js";
import { PRE_MARKERS, type PreState, protectPreformatted, restorePreformatted } from "./preformatted-text.js";

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

export interface HtmlTextOptions {
  /** Element ids (or <a name>) at which a new piece of text starts. */
  anchors?: ReadonlySet<string>;
}

export interface HtmlPiece {
  /** The anchor this piece starts at; absent for the text before the first anchor. */
  anchor?: string;
  text: string;
}

export interface HtmlText {
  text: string;
  /** Text of the first h1–h6 outside chrome, a fallback chapter title. */
  firstHeading?: string;
  /** The text split at the anchors found, in document order; empty pieces left out. */
  pieces: HtmlPiece[];
  /** Targets of the links in the text (not in chrome), and how much of the text is link text. */
  links: string[];
  linkWordChars: number;
}

// Breaks are collected as markers (private-use characters, which no book text carries after
// the replacement in ontext) and resolved at the end, so nested blocks (</li></ul></div>)
// give one break, not a pile of blank lines: any paragraph marker in a run wins over line markers.
const LINE = "\uE000";
const PARAGRAPH = "\uE001";

function resolveBreaks(marked: string): string {
  return marked.replace(/[ \t]*[\uE000\uE001][\s\uE000\uE001]*/g, (run) => (run.includes(PARAGRAPH) ? "\n\n" : "\n"));
}

const finishText = (parts: string[]) => restorePreformatted(cleanText(resolveBreaks(parts.join(""))));

/** A <header>/<footer> being read: dropped on close if it turns out to be a link bar. */
interface PendingBar {
  partsStart: number;
  piecesStart: number;
  wordChars: number;
  linkWordChars: number;
  hasHeading: boolean;
  firstHeadingBefore: string | undefined;
}

/** What closing an element undoes. htmlparser2 closes every element it opens, void ones too. */
interface OpenElement {
  skips: boolean;
  link: boolean;
  bar?: PendingBar;
}

export function htmlToText(html: string, options: HtmlTextOptions = {}): HtmlText {
  const pieces: { anchor?: string; parts: string[] }[] = [{ parts: [] }];
  const current = () => pieces.at(-1)?.parts ?? [];
  const push = (text: string) => current().push(text);
  const open: OpenElement[] = [];
  const bars: PendingBar[] = [];
  const links: string[] = [];
  const pre: PreState = { atLineStart: true };
  let skipDepth = 0;
  let preDepth = 0;
  let linkDepth = 0;
  let linkWordChars = 0;
  let heading: string[] | undefined;
  let firstHeading: string | undefined;
  let cellInRow = 0;
  // Paragraphs inside a table cell (Sphinx writes <td><p>…</p></td>) must not break the row.
  let cellDepth = 0;
  const inCell = (name: string) => cellDepth > 0 && !CELLS.has(name) && name !== "tr";

  const closeBar = (bar: PendingBar) => {
    const outer = bars.at(-1);
    if (!isLinkBar(bar)) {
      if (outer) {
        outer.wordChars += bar.wordChars;
        outer.linkWordChars += bar.linkWordChars;
        outer.hasHeading ||= bar.hasHeading;
      }
      return;
    }
    // An anchor inside the bar started a new piece: keep the text rather than lose a section start.
    if (pieces.length !== bar.piecesStart) return;
    current().length = bar.partsStart;
    linkWordChars -= bar.linkWordChars;
    firstHeading = bar.firstHeadingBefore;
  };

  const parser = new Parser(
    {
      onopentag(name, attributes: Attributes) {
        const id = attributes.id ?? (name === "a" ? attributes.name : undefined);
        if (id !== undefined && options.anchors?.has(id)) pieces.push({ anchor: id, parts: [] });
        const element: OpenElement = { skips: SKIPPED.has(name) || isChromeElement(name, attributes), link: false };
        open.push(element);
        if (element.skips) {
          skipDepth += 1;
          // Chrome between two runs of inline text must not glue their words together.
          if (skipDepth === 1 && !SKIPPED.has(name)) push(PARAGRAPH);
        }
        if (skipDepth > 0) return;
        if (mayBeLinkBar(name)) {
          element.bar = {
            partsStart: current().length,
            piecesStart: pieces.length,
            wordChars: 0,
            linkWordChars: 0,
            hasHeading: false,
            firstHeadingBefore: firstHeading,
          };
          bars.push(element.bar);
        }
        if (name === "pre") {
          preDepth += 1;
          pre.atLineStart = true;
        }
        if (name === "a" && attributes.href !== undefined) {
          element.link = true;
          linkDepth += 1;
          links.push(attributes.href);
        }
        if (inCell(name) && (PARAGRAPH_BLOCKS.has(name) || LINE_BLOCKS.has(name))) push(" ");
        else if (PARAGRAPH_BLOCKS.has(name)) push(PARAGRAPH);
        else if (LINE_BLOCKS.has(name)) push(LINE);
        else if (CELLS.has(name)) push(cellInRow++ > 0 ? " | " : " ");
        if (name === "tr") cellInRow = 0;
        if (CELLS.has(name)) cellDepth += 1;
        if (name === "br" && preDepth > 0) pre.atLineStart = true;
        if (HEADINGS.has(name)) {
          if (firstHeading === undefined) heading = [];
          for (const bar of bars) bar.hasHeading = true;
        }
      },
      ontext(text) {
        if (skipDepth > 0) return;
        const visible = text.replace(/[\uE000\uE001]/g, " ").replace(PRE_MARKERS, " ");
        const piece = preDepth > 0 ? protectPreformatted(visible, pre) : visible.replace(/\s+/g, " ");
        push(piece);
        heading?.push(piece);
        const words = countWordCharacters(visible);
        const bar = bars.at(-1);
        if (bar) bar.wordChars += words;
        if (linkDepth > 0) {
          linkWordChars += words;
          if (bar) bar.linkWordChars += words;
        }
      },
      onclosetag(name) {
        const element = open.pop();
        if (element?.skips) {
          skipDepth = Math.max(0, skipDepth - 1);
          return;
        }
        if (skipDepth > 0) return;
        if (element?.link) linkDepth = Math.max(0, linkDepth - 1);
        if (name === "pre") preDepth = Math.max(0, preDepth - 1);
        if (CELLS.has(name)) cellDepth = Math.max(0, cellDepth - 1);
        if (inCell(name) && (PARAGRAPH_BLOCKS.has(name) || LINE_BLOCKS.has(name))) push(" ");
        else if (PARAGRAPH_BLOCKS.has(name)) push(PARAGRAPH);
        else if (LINE_BLOCKS.has(name) && name !== "br") push(LINE);
        if (HEADINGS.has(name) && heading) {
          const title = restorePreformatted(cleanText(heading.join(""))).replace(/\s+/g, " ");
          if (title) firstHeading = title;
          heading = undefined;
        }
        if (element?.bar) {
          bars.pop();
          closeBar(element.bar);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  const texts = pieces
    .map(({ anchor, parts }) => ({ ...(anchor !== undefined ? { anchor } : {}), text: finishText(parts) }))
    .filter((piece) => piece.text !== "");
  return {
    text: texts.map((piece) => piece.text).join("\n\n"),
    ...(firstHeading ? { firstHeading } : {}),
    pieces: texts,
    links,
    linkWordChars,
  };
}
