// Joins the text items of one PDF page into lines. pdf.js marks most line ends (hasEOL) and
// emits spaces as items; positions fill the gaps it leaves (a new baseline without hasEOL,
// two runs on one line with a visible gap but no space item).
import type { TextContent, TextItem } from "pdfjs-dist/types/src/display/api.js";

const isTextItem = (item: TextContent["items"][number]): item is TextItem => "str" in item;

function baseline(item: TextItem): number {
  return Number(item.transform[5] ?? 0);
}

function startX(item: TextItem): number {
  return Number(item.transform[4] ?? 0);
}

function separatorBetween(previous: TextItem, next: TextItem, joined: string): string {
  if (previous.hasEOL || joined.length === 0 || /\s$/.test(joined) || /^\s/.test(next.str)) return "";
  const lineHeight = Math.max(previous.height, next.height, 1);
  if (Math.abs(baseline(next) - baseline(previous)) > lineHeight * 0.5) return "\n";
  const gap = startX(next) - (startX(previous) + previous.width);
  return gap > lineHeight * 0.15 ? " " : "";
}

export function joinPageText(content: TextContent): string {
  let joined = "";
  let previous: TextItem | undefined;
  for (const item of content.items) {
    if (!isTextItem(item)) continue;
    if (previous && item.str) joined += separatorBetween(previous, item, joined);
    joined += item.str;
    if (item.hasEOL) joined += "\n";
    if (item.str || item.hasEOL) previous = item;
  }
  return joined;
}
