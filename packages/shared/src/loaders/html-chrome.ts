// Which HTML elements are navigation chrome rather than book text: site sidebars and link bars
// that documentation generators (Sphinx, Pandoc, DocBook, Calibre) put on every page. Their
// words ("Навигация", "next", "previous", a whole table of contents) would otherwise be indexed
// as text of every chapter and picked as its title.

export type Attributes = Record<string, string>;

// Class tokens of chrome blocks: Sphinx sidebar, relation bar, footer and toctree; docutils'
// local "contents" topic; DocBook XSL's header/footer navigation; Calibre's inline TOC.
const CHROME_CLASSES = new Set([
  "sphinxsidebar",
  "related",
  "footer",
  "toctree-wrapper",
  "navheader",
  "navfooter",
  "navigation",
]);
const CHROME_ROLES = new Set(["navigation", "doc-toc"]);
const CHROME_EPUB_TYPES = new Set(["toc", "landmarks", "page-list"]);

function tokens(value: string | undefined): string[] {
  return value ? value.split(/\s+/).filter(Boolean) : [];
}

/**
 * Chrome that is a table of contents (Sphinx's toctree, docutils' local contents, an EPUB toc,
 * Calibre's inline TOC): its links name the book's sections, so the loader reads them as entries.
 */
export function isTableOfContentsElement(name: string, attributes: Attributes): boolean {
  const classes = tokens(attributes.class);
  if (name === "nav" && tokens(attributes["epub:type"]).includes("toc")) return true;
  if (tokens(attributes.role).includes("doc-toc")) return true;
  if (classes.some((token) => token.startsWith("calibre_toc")) || attributes.id?.startsWith("calibre_toc")) return true;
  if (classes.includes("contents") && classes.includes("topic")) return true;
  return classes.includes("toctree-wrapper");
}

/** Elements that never hold book text, whatever is inside them. */
export function isChromeElement(name: string, attributes: Attributes): boolean {
  if (name === "nav") return true; // EPUB nav, Pandoc's nav#TOC, HTML5 site navigation
  if (tokens(attributes.role).some((role) => CHROME_ROLES.has(role))) return true;
  if (tokens(attributes["epub:type"]).some((type) => CHROME_EPUB_TYPES.has(type))) return true;
  const classes = tokens(attributes.class);
  if (classes.some((token) => token.startsWith("calibre_toc"))) return true;
  if (attributes.id?.startsWith("calibre_toc")) return true;
  if (classes.includes("contents") && classes.includes("topic")) return true;
  return name === "div" && classes.some((token) => CHROME_CLASSES.has(token));
}

/**
 * `<header>` and `<footer>` are chrome only when they are link bars ("« previous | next »");
 * a chapter's own header often holds its heading, so they are judged once their content is known.
 */
export function mayBeLinkBar(name: string): boolean {
  return name === "header" || name === "footer";
}

/** A block whose words are mostly link text, and that has no heading, is a link bar. */
export function isLinkBar(stats: { wordChars: number; linkWordChars: number; hasHeading: boolean }): boolean {
  return !stats.hasHeading && stats.linkWordChars > 0 && stats.linkWordChars * 2 >= stats.wordChars;
}
