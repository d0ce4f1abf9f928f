// Reads a PDF's outline (bookmarks) as a flat list of entries in document order, each with the
// page it points to. A citation names the innermost entry a passage falls under, so a broken
// outline must only cost us the section names, never the book: every failure yields fewer entries.
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface OutlineEntry {
  title: string;
  /** 0 for a top-level entry. */
  depth: number;
  /** 1-based page the entry's destination points to. */
  page: number;
}

/** Real books have a few hundred entries; a generated or hostile outline may have millions. */
const MAX_OUTLINE_ENTRIES = 3000;
const MAX_DEPTH = 12;
const MAX_TITLE_LENGTH = 200;

interface OutlineNode {
  title: string;
  dest: unknown;
  items: unknown[];
}

function asOutlineNode(value: unknown): OutlineNode | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const title: unknown = Reflect.get(value, "title");
  const items: unknown = Reflect.get(value, "items");
  return {
    title: typeof title === "string" ? title : "",
    dest: Reflect.get(value, "dest"),
    items: Array.isArray(items) ? items : [],
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters in titles are the point.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;

function cleanTitle(title: string): string {
  return title.replace(CONTROLS, " ").replace(/\s+/g, " ").trim().slice(0, MAX_TITLE_LENGTH);
}

/** Turns a destination (a name or an explicit [pageRef, /XYZ, …] array) into a 1-based page. */
class DestinationResolver {
  private readonly pageOfRef = new Map<string, number | undefined>();
  private readonly pageOfName = new Map<string, number | undefined>();

  constructor(private readonly doc: PDFDocumentProxy) {}

  async pageOf(dest: unknown): Promise<number | undefined> {
    if (typeof dest === "string") {
      if (!this.pageOfName.has(dest)) {
        const explicit = await this.doc.getDestination(dest).catch(() => null);
        this.pageOfName.set(dest, await this.pageOfExplicit(explicit));
      }
      return this.pageOfName.get(dest);
    }
    return this.pageOfExplicit(dest);
  }

  private async pageOfExplicit(dest: unknown): Promise<number | undefined> {
    if (!Array.isArray(dest)) return undefined;
    const target: unknown = dest[0];
    // A bare integer is a page index: what pdf.js's own viewer accepts from remote-style dests.
    if (typeof target === "number") return this.validPage(target + 1);
    if (typeof target !== "object" || target === null) return undefined;
    const num: unknown = Reflect.get(target, "num");
    const gen: unknown = Reflect.get(target, "gen");
    if (typeof num !== "number" || typeof gen !== "number") return undefined;
    const key = `${num}R${gen}`;
    if (!this.pageOfRef.has(key)) {
      const index = await this.doc.getPageIndex({ num, gen }).catch(() => undefined);
      this.pageOfRef.set(key, index === undefined ? undefined : this.validPage(index + 1));
    }
    return this.pageOfRef.get(key);
  }

  private validPage(page: number): number | undefined {
    return Number.isInteger(page) && page >= 1 && page <= this.doc.numPages ? page : undefined;
  }
}

export async function readOutlineEntries(doc: PDFDocumentProxy): Promise<OutlineEntry[]> {
  const outline: unknown = await doc.getOutline().catch(() => null);
  if (!Array.isArray(outline)) return [];
  const resolver = new DestinationResolver(doc);
  const entries: OutlineEntry[] = [];
  // Depth-first, in document order, with an explicit stack: no recursion to overflow, and a
  // visited set so an outline that refers back to itself ends instead of looping.
  const stack: { node: unknown; depth: number }[] = outline.map((node) => ({ node, depth: 0 })).reverse();
  const visited = new Set<unknown>();
  let visits = 0;
  while (stack.length > 0 && entries.length < MAX_OUTLINE_ENTRIES && visits < MAX_OUTLINE_ENTRIES * 2) {
    const next = stack.pop();
    visits += 1;
    if (!next || visited.has(next.node)) continue;
    visited.add(next.node);
    const node = asOutlineNode(next.node);
    if (!node) continue;
    const title = cleanTitle(node.title);
    const page = await resolver.pageOf(node.dest).catch(() => undefined);
    if (title && page !== undefined) entries.push({ title, depth: next.depth, page });
    if (next.depth < MAX_DEPTH) {
      for (let i = node.items.length - 1; i >= 0; i -= 1) stack.push({ node: node.items[i], depth: next.depth + 1 });
    }
  }
  return entries;
}
