// Packs self-contained HTML blocks (each opens and closes its own tags) into Telegram
// messages below the limit. Cuts happen only between blocks, so a cut can never fall inside
// a tag or an entity; a block of plain text that is too long is split before it is escaped.
import { escapeHtml, visibleLength } from "./html.js";
import { MESSAGE_BUDGET } from "./limits.js";
import { splitPlainText } from "./split-text.js";

export interface HtmlBlock {
  html: string;
  /** What separates this block from the previous one in the same message. */
  gap: "\n" | "\n\n";
}

/** Blocks for plain text: one per paragraph, oversized paragraphs split at sentences or words. */
export function plainTextBlocks(text: string, limit = MESSAGE_BUDGET): HtmlBlock[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((paragraph) => splitPlainText(paragraph.trim(), limit))
    .map((piece) => ({ html: escapeHtml(piece), gap: "\n\n" as const }));
}

export function packBlocks(blocks: HtmlBlock[], limit = MESSAGE_BUDGET): string[] {
  const messages: string[] = [];
  let current = "";
  let currentLength = 0;
  for (const block of blocks) {
    const length = visibleLength(block.html);
    if (length > limit) throw new RangeError(`an HTML block of ${length} characters exceeds the ${limit} limit`);
    if (current && currentLength + block.gap.length + length <= limit) {
      current += block.gap + block.html;
      currentLength += block.gap.length + length;
    } else {
      if (current) messages.push(current);
      current = block.html;
      currentLength = length;
    }
  }
  if (current) messages.push(current);
  return messages;
}
