// Entries of a table of contents printed inside the book: Sphinx's toctree on its master page,
// docutils' local contents, a contents page typed by hand. Such lists often go a level deeper
// than the nav or NCX ("5.10.2.1. Повторная компиляция…" under "5.10.2. Руководство для
// загрузок…"), and those deeper entries are what a citation should name. Only links to an
// #anchor count: an entry at the top of a file is the nav's business.
import { Parser } from "htmlparser2";
import { cleanText } from "../clean-text.js";
import { type Attributes, isTableOfContentsElement } from "../html-chrome.js";
import { resolveTocHref } from "./table-of-contents.js";

export interface TocPageEntry {
  file: string;
  fragment: string;
  /** As printed, without its numbering ("5.10.2.1. "). */
  title: string;
}

const NUMBERING = /^(?:[0-9]+(?:\.[0-9]+)*\.?|[IVXLC]+\.)\s+/u;

/**
 * Links to anchors inside table-of-contents elements of the page, or anywhere on it when
 * `wholePage` (a page already judged to be a contents page).
 */
export function tocPageEntries(html: string, pageFile: string, wholePage: boolean): TocPageEntry[] {
  const entries: TocPageEntry[] = [];
  const open: boolean[] = [];
  let tocDepth = 0;
  let link: { file: string; fragment: string; text: string[] } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes: Attributes) {
        const isToc = isTableOfContentsElement(name, attributes);
        open.push(isToc);
        if (isToc) tocDepth += 1;
        if (name !== "a" || attributes.href === undefined || link || (tocDepth === 0 && !wholePage)) return;
        const target = resolveTocHref(pageFile, attributes.href.trim());
        if (target?.fragment) link = { file: target.file, fragment: target.fragment, text: [] };
      },
      ontext(text) {
        link?.text.push(text);
      },
      onclosetag(name) {
        if (open.pop()) tocDepth -= 1;
        if (name !== "a" || !link) return;
        const title = cleanText(link.text.join("")).replace(/\s+/g, " ").replace(NUMBERING, "").trim();
        if (title) entries.push({ file: link.file, fragment: link.fragment, title });
        link = undefined;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  return entries;
}
