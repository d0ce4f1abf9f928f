// Joins the text items of one PDF page into lines and paragraphs. pdf.js marks most line ends
// (hasEOL) and emits spaces as items; positions fill the gaps it leaves: a new baseline without
// hasEOL starts a line, a visible gap on one line is a space, a tall jump between lines (or a
// jump back up to a new column) starts a paragraph. A footnote marker set small and raised
// right after a word becomes a superscript ("file called .RData⁵"), not part of the word.
import type { TextContent, TextItem } from "pdfjs-dist/types/src/display/api.js";
import { toSuperscript } from "../../text/superscript-digits.js";

const isTextItem = (item: TextContent["items"][number]): item is TextItem => "str" in item;
const baseline = (item: TextItem) => Number(item.transform[5] ?? 0);
const startX = (item: TextItem) => Number(item.transform[4] ?? 0);
const lineHeight = (a: TextItem, b: TextItem) => Math.max(a.height, b.height, 1);

/** Baseline distance, in line heights, above which two lines belong to different paragraphs. */
const PARAGRAPH_GAP = 1.5;

function separatorBetween(previous: TextItem, next: TextItem, joined: string): string {
  const height = lineHeight(previous, next);
  const verticalJump = Math.abs(baseline(next) - baseline(previous));
  const startsLine = joined.endsWith("\n") || verticalJump > height * 0.5;
  if (startsLine) {
    const lineBreak = joined.endsWith("\n") ? "" : "\n";
    return verticalJump > height * PARAGRAPH_GAP ? `${lineBreak}\n` : lineBreak;
  }
  if (/\s$/.test(joined) || /^\s/.test(next.str)) return "";
  const gap = startX(next) - (startX(previous) + previous.width);
  return gap > height * 0.15 ? " " : "";
}

/** A footnote mark: a number in a smaller font, raised above the baseline of the word it follows. */
function isFootnoteMark(previous: TextItem, item: TextItem): boolean {
  if (!/^\d{1,3}$/.test(item.str) || previous.height <= 0 || /\s$/.test(previous.str)) return false;
  const raised = baseline(item) - baseline(previous);
  const touching = Math.abs(startX(item) - (startX(previous) + previous.width)) < previous.height * 0.3;
  return item.height < previous.height * 0.8 && raised > previous.height * 0.2 && raised < previous.height && touching;
}

export function joinPageText(content: TextContent): string {
  let joined = "";
  let previous: TextItem | undefined;
  for (const item of content.items) {
    if (!isTextItem(item)) continue;
    if (item.str) {
      if (previous && isFootnoteMark(previous, item)) {
        // The word's line and size go on from the word, not from its mark.
        joined += toSuperscript(item.str);
      } else {
        if (previous) joined += separatorBetween(previous, item, joined);
        joined += item.str;
        previous = item;
      }
    }
    if (item.hasEOL && !joined.endsWith("\n")) joined += "\n";
  }
  return joined;
}
