// Reads the EPUB 2 table of contents (toc.ncx) as a tree: navPoints nest, each with a label
// and a target (file, maybe with a #fragment). epub2 flattens the NCX and merges entries that
// share a file, which loses exactly what citations need: depth and fragment anchors.
import { Parser } from "htmlparser2";
import { cleanText } from "../clean-text.js";
import type { TocNode } from "./toc-node.js";

export function parseNcxToc(xml: string): TocNode[] {
  const roots: TocNode[] = [];
  const stack: TocNode[] = [];
  const path: string[] = [];
  let label: string[] | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const parent = path.at(-1);
        path.push(name);
        if (name === "navpoint") stack.push({ title: "", children: [] });
        const node = stack.at(-1);
        if (!node) return;
        if (name === "text" && parent === "navlabel" && path.at(-3) === "navpoint" && !node.title) label = [];
        if (name === "content" && parent === "navpoint" && attributes.src && node.href === undefined)
          node.href = attributes.src.trim();
      },
      ontext(text) {
        label?.push(text);
      },
      onclosetag(name) {
        path.pop();
        if (name === "text" && label) {
          const node = stack.at(-1);
          if (node) node.title = cleanText(label.join("")).replace(/\s+/g, " ");
          label = undefined;
        }
        if (name !== "navpoint") return;
        const node = stack.pop();
        if (node) (stack.at(-1)?.children ?? roots).push(node);
      },
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(xml);
  return roots;
}
