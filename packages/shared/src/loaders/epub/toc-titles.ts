// Chapter titles by file: from the NCX (parsed by epub2) and, for EPUB 3 books, the nav document.
import { posix } from "node:path";
import { Parser } from "htmlparser2";
import { cleanText } from "../clean-text.js";
import type { GuardedZip } from "../zip/open-guarded-zip.js";
import type { GuardedEpub } from "./guarded-epub.js";

/** A zip path for an href: no fragment, percent-decoded, normalised. Keys of the title map. */
export function hrefKey(href: string): string {
  const withoutFragment = href.split("#")[0] ?? "";
  let decoded = withoutFragment;
  try {
    decoded = decodeURIComponent(withoutFragment);
  } catch {
    // A stray % is just a character in the name.
  }
  return posix.normalize(decoded).replace(/^\.\//, "");
}

function navLinks(html: string): { href: string; title: string }[] {
  const links: { href: string; title: string }[] = [];
  let inToc = false;
  let navDepth = 0;
  let current: { href: string; text: string[] } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "nav") {
          navDepth += 1;
          // The first nav, or the one typed "toc", holds the table of contents (not landmarks or page-list).
          if (navDepth === 1) inToc = attributes["epub:type"]?.includes("toc") ?? links.length === 0;
        }
        if (inToc && name === "a" && attributes.href) current = { href: attributes.href, text: [] };
      },
      ontext(text) {
        current?.text.push(text);
      },
      onclosetag(name) {
        if (name === "a" && current) {
          const title = cleanText(current.text.join("")).replace(/\s+/g, " ");
          if (title) links.push({ href: current.href, title });
          current = undefined;
        }
        if (name === "nav") {
          navDepth = Math.max(0, navDepth - 1);
          if (navDepth === 0) inToc = false;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  return links;
}

function navDocumentHref(epub: GuardedEpub): string | undefined {
  return Object.values(epub.manifest).find((item) => {
    const properties: unknown = Reflect.get(item, "properties");
    return typeof properties === "string" && properties.split(/\s+/).includes("nav");
  })?.href;
}

export function collectTocTitles(epub: GuardedEpub, zip: GuardedZip): Map<string, string> {
  const titles = new Map<string, string>();
  const add = (href: string, title: string | undefined) => {
    const key = hrefKey(href);
    if (title?.trim() && !titles.has(key)) titles.set(key, title.trim());
  };
  for (const entry of epub.toc) if (entry.href) add(entry.href, entry.title);
  const navHref = navDocumentHref(epub);
  if (navHref) {
    try {
      const html = zip.read(navHref).toString("utf8");
      for (const link of navLinks(html)) add(posix.join(posix.dirname(navHref), link.href), link.title);
    } catch {
      // A broken nav document only costs us titles; chapters fall back to their first heading.
    }
  }
  return titles;
}
