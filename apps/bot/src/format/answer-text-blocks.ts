// The answer text as Telegram HTML blocks. Answers mark commands and code with Markdown
// fences (```), from the extractive answerer and from the LLM alike; they are shown as <pre>,
// line breaks and all, and `inline code` as <code>. Everything else is plain text.
import { escapeHtml } from "./html.js";
import { MESSAGE_BUDGET } from "./limits.js";
import { type HtmlBlock, plainTextBlocks } from "./split-message.js";
import { sliceWhole } from "./split-text.js";

const FENCED = /^```[^\n]*\n([\s\S]*?)\n?^```[ \t]*$/gm;
const INLINE_CODE = /`([^`\n]+)`/g;
const PRE_TAGS = "<pre></pre>".length;

/** Code lines packed into <pre> blocks of at most `limit` visible characters. */
function preBlocks(code: string, limit: number): HtmlBlock[] {
  const room = limit - PRE_TAGS;
  const pieces: string[] = [];
  let current = "";
  for (const line of code.split("\n")) {
    for (const part of line.length > room
      ? [sliceWhole(line, room), line.slice(sliceWhole(line, room).length)]
      : [line]) {
      if (current && current.length + 1 + part.length > room) {
        pieces.push(current);
        current = part;
      } else current = current ? `${current}\n${part}` : part;
    }
  }
  if (current) pieces.push(current);
  return pieces.map((piece) => ({ html: `<pre>${escapeHtml(piece)}</pre>`, gap: "\n" as const }));
}

function proseBlocks(text: string, limit: number, first: boolean): HtmlBlock[] {
  return plainTextBlocks(text, limit).map((block, index) => ({
    html: block.html.replace(INLINE_CODE, (_match, code: string) => `<code>${code}</code>`),
    // Text right after a code block continues the same answer line by line.
    gap: index === 0 && !first ? "\n" : block.gap,
  }));
}

export function answerTextBlocks(text: string, limit = MESSAGE_BUDGET): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  let cursor = 0;
  for (const match of text.matchAll(FENCED)) {
    const before = text.slice(cursor, match.index).trim();
    if (before) blocks.push(...proseBlocks(before, limit, blocks.length === 0));
    blocks.push(...preBlocks(match[1] ?? "", limit));
    cursor = match.index + match[0].length;
  }
  const rest = text.slice(cursor).trim();
  if (rest) blocks.push(...proseBlocks(rest, limit, blocks.length === 0));
  return blocks;
}
