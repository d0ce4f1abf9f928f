// The book's own table of contents, as citations need it: for every spine file, the entry that
// starts at its top and the entries that start at #fragment anchors inside it, each resolved to
// a chapter (its top-level entry) and a section (itself, when deeper and titled differently).
// Read from the EPUB 3 nav document or the NCX, whichever lists more entries.
import { posix } from "node:path";
import type { GuardedZip } from "../zip/open-guarded-zip.js";
import type { GuardedEpub } from "./guarded-epub.js";
import { parseNavToc } from "./nav-toc.js";
import { parseNcxToc } from "./ncx-toc.js";
import type { TocNode } from "./toc-node.js";

const NCX_MEDIA_TYPE = "application/x-dtbncx+xml";

export interface TocPlace {
  chapter: string;
  section?: string;
}

export interface FileToc {
  /** The entry for the file itself: the text before its first anchor belongs here. */
  start?: TocPlace;
  /** Entries that start at an element id inside the file. */
  anchors: Map<string, TocPlace>;
}

export interface BookToc {
  files: Map<string, FileToc>;
  /** The EPUB 3 nav document: a table of contents, never text, even when it is in the spine. */
  navFile?: string;
}

/** A zip path for an href: no fragment, percent-decoded, normalised. Keys of `files`. */
export function hrefKey(href: string): string {
  const withoutFragment = href.split("#")[0] ?? "";
  return posix.normalize(decodePercent(withoutFragment)).replace(/^\.\//, "");
}

function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray % is just a character in the name
  }
}

/** Where a TOC href points, relative to the TOC document; undefined for external links. */
export function resolveTocHref(tocFile: string, href: string): { file: string; fragment?: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  const hash = href.indexOf("#");
  const path = hash >= 0 ? href.slice(0, hash) : href;
  const fragment = hash >= 0 ? decodePercent(href.slice(hash + 1)) : "";
  const file = path === "" ? tocFile : hrefKey(posix.join(posix.dirname(tocFile), path));
  return { file, ...(fragment ? { fragment } : {}) };
}

/** A lone root entry (the book's title holding every chapter) is not a chapter: its children are. */
function topLevel(roots: TocNode[]): TocNode[] {
  let level = roots.filter((node) => node.title || node.children.length > 0);
  for (;;) {
    const [only] = level;
    if (level.length !== 1 || !only || only.children.length === 0) break;
    level = [...(only.href && only.title ? [{ ...only, children: [] }] : []), ...only.children];
  }
  // Untitled top-level entries cannot name a chapter; their children take their place.
  return level.flatMap((node) => (node.title ? [node] : node.children));
}

interface Placed {
  file: string;
  fragment: string;
  depth: number;
  place: TocPlace;
}

function placeEntries(roots: TocNode[], tocFile: string): Placed[] {
  const placed: Placed[] = [];
  const walk = (node: TocNode, depth: number, parent: TocPlace | undefined, parentTitle: string | undefined) => {
    // An entry repeating its parent's title (Sphinx's NCX lists each chapter again as its own
    // first child) or without a title is the parent's place, not a section of its own.
    let place: TocPlace;
    if (!parent) place = { chapter: node.title };
    else if (!node.title || node.title === parentTitle || node.title === parent.chapter) place = parent;
    else place = { chapter: parent.chapter, section: node.title };
    const target = node.href ? resolveTocHref(tocFile, node.href) : undefined;
    if (target) placed.push({ file: target.file, fragment: target.fragment ?? "", depth, place });
    for (const child of node.children) walk(child, depth + 1, place, node.title || parentTitle);
  };
  for (const root of topLevel(roots)) walk(root, 0, undefined, undefined);
  return placed;
}

function countEntries(nodes: TocNode[]): number {
  return nodes.reduce((sum, node) => sum + (node.href ? 1 : 0) + countEntries(node.children), 0);
}

function byFile(placed: Placed[]): Map<string, FileToc> {
  const depths = new Map<string, number>();
  const files = new Map<string, FileToc>();
  for (const entry of placed) {
    const key = `${entry.file}#${entry.fragment}`;
    // Several entries at one spot (a part and its first chapter): the innermost holds the text.
    if ((depths.get(key) ?? -1) >= entry.depth) continue;
    depths.set(key, entry.depth);
    const file = files.get(entry.file) ?? { anchors: new Map<string, TocPlace>() };
    files.set(entry.file, file);
    if (entry.fragment) file.anchors.set(entry.fragment, entry.place);
    else file.start = entry.place;
  }
  return files;
}

function navDocumentHref(epub: GuardedEpub): string | undefined {
  return Object.values(epub.manifest).find((item) => {
    const properties: unknown = Reflect.get(item, "properties");
    return typeof properties === "string" && properties.split(/\s+/).includes("nav");
  })?.href;
}

function readTree(zip: GuardedZip, href: string | undefined, parse: (text: string) => TocNode[]): TocNode[] {
  if (!href) return [];
  try {
    return parse(zip.read(href).toString("utf8"));
  } catch {
    return []; // a broken TOC only costs us titles; chapters fall back to their first heading
  }
}

export function readTableOfContents(epub: GuardedEpub, zip: GuardedZip): BookToc {
  const navHref = navDocumentHref(epub);
  const ncxHref =
    epub.spine.toc?.href ??
    Object.values(epub.manifest).find((item) => (item.mediaType ?? item["media-type"]) === NCX_MEDIA_TYPE)?.href;
  const nav = readTree(zip, navHref, parseNavToc);
  const ncx = readTree(zip, ncxHref, parseNcxToc);
  // Equal counts: the NCX, which is what this loader read before nav support.
  const [tree, tocFile] = countEntries(nav) > countEntries(ncx) ? [nav, navHref] : [ncx, ncxHref];
  return {
    files: byFile(placeEntries(tree, hrefKey(tocFile ?? ""))),
    ...(navHref ? { navFile: hrefKey(navHref) } : {}),
  };
}
