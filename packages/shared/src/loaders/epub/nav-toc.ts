// Reads the EPUB 3 table of contents (the nav document's <nav epub:type="toc">) as a tree:
// each <li> holds a label (<a href> or a bare <span> heading) and maybe a nested <ol>.
import { Parser } from "htmlparser2";
import { cleanText } from "../clean-text.js";
import type { TocNode } from "./toc-node.js";

interface NavBlock {
  isToc: boolean;
  roots: TocNode[];
}

export function parseNavToc(html: string): TocNode[] {
  const navs: NavBlock[] = [];
  const items: TocNode[] = [];
  let nav: NavBlock | undefined;
  let navDepth = 0;
  let label: string[] | undefined;
  let labelTag: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "nav" && ++navDepth === 1) {
          nav = { isToc: attributes["epub:type"]?.split(/\s+/).includes("toc") ?? false, roots: [] };
          navs.push(nav);
        }
        if (!nav) return;
        if (name === "li") items.push({ title: "", children: [] });
        const item = items.at(-1);
        if (!item || item.title) return;
        if (label === undefined && (name === "a" || name === "span")) {
          label = [];
          labelTag = name;
        }
        if (label !== undefined && name === "a" && attributes.href && item.href === undefined)
          item.href = attributes.href.trim();
      },
      ontext(text) {
        label?.push(text);
      },
      onclosetag(name) {
        if (nav && name === labelTag && label) {
          const item = items.at(-1);
          if (item) item.title = cleanText(label.join("")).replace(/\s+/g, " ");
          label = undefined;
          labelTag = undefined;
        }
        if (nav && name === "li") {
          const item = items.pop();
          if (item && (item.title || item.children.length > 0)) (items.at(-1)?.children ?? nav.roots).push(item);
        }
        if (name === "nav" && navDepth > 0 && --navDepth === 0) nav = undefined;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  // The nav typed "toc" is the table of contents (not landmarks or page-list); an untyped first
  // nav is taken when there is no typed one.
  return (navs.find((block) => block.isToc) ?? navs[0])?.roots ?? [];
}
