// Checks a message in parse_mode HTML the way Telegram does (after tdlib's parse_html):
// only the supported tags, properly nested and closed, only the four named entities plus
// numeric ones; a stray "<" is an error, a stray "&" is kept as text. Returns the visible
// text, which is what the 4096-character limit applies to.

const SUPPORTED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
]);

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export type HtmlParseResult = { ok: true; text: string } | { ok: false; description: string };

const byteOffset = (source: string, index: number) => Buffer.byteLength(source.slice(0, index));

/** Decodes one entity starting at `index` (which holds "&"); undefined when it is not one. */
function decodeEntity(source: string, index: number): { value: string; length: number } | undefined {
  const match = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/.exec(source.slice(index, index + 12));
  if (!match?.[1]) return undefined;
  const body = match[1];
  let value: string | undefined;
  if (body.startsWith("#x")) value = codePoint(Number.parseInt(body.slice(2), 16));
  else if (body.startsWith("#")) value = codePoint(Number.parseInt(body.slice(1), 10));
  else value = NAMED_ENTITIES[body];
  return value === undefined ? undefined : { value, length: match[0].length };
}

function codePoint(value: number): string | undefined {
  return value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff)
    ? String.fromCodePoint(value)
    : undefined;
}

export function parseTelegramHtml(source: string): HtmlParseResult {
  const open: string[] = [];
  let text = "";
  let index = 0;
  const fail = (message: string): HtmlParseResult => ({
    ok: false,
    description: `Bad Request: can't parse entities: ${message}`,
  });
  while (index < source.length) {
    const char = source[index];
    if (char === "&") {
      const entity = decodeEntity(source, index);
      text += entity ? entity.value : "&";
      index += entity ? entity.length : 1;
      continue;
    }
    if (char !== "<") {
      text += char;
      index += 1;
      continue;
    }
    const close = source.indexOf(">", index);
    if (close === -1) return fail(`Unclosed start tag at byte offset ${byteOffset(source, index)}`);
    const inner = source.slice(index + 1, close);
    if (inner.startsWith("/")) {
      const name = inner.slice(1).trim().toLowerCase();
      const expected = open.pop();
      if (expected === undefined) return fail(`Unexpected end tag at byte offset ${byteOffset(source, index)}`);
      if (name !== "" && name !== expected) {
        return fail(
          `Unmatched end tag at byte offset ${byteOffset(source, index)}, expected "</${expected}>", found "</${name}>"`,
        );
      }
    } else {
      const tag = /^([a-zA-Z][a-zA-Z0-9-]*)(\s[\s\S]*)?$/.exec(inner);
      if (!tag?.[1]) return fail(`Empty tag name at byte offset ${byteOffset(source, index)}`);
      const name = tag[1].toLowerCase();
      if (!SUPPORTED_TAGS.has(name))
        return fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(source, index)}`);
      const attributes = tag[2] ?? "";
      if (name === "a" && !/\bhref\s*=\s*(["'])[^"']*\1/.test(attributes) && attributes.trim() !== "") {
        return fail(`Invalid attribute of tag "a" at byte offset ${byteOffset(source, index)}`);
      }
      if (name === "span" && !/class\s*=\s*["']?tg-spoiler/.test(attributes)) {
        return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(source, index)}`);
      }
      open.push(name);
    }
    index = close + 1;
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) return fail(`Can't find end tag corresponding to start tag "${unclosed}"`);
  return { ok: true, text };
}
