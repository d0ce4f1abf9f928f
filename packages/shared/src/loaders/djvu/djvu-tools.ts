// DjVu through djvulibre's command-line tools (Debian djvulibre-bin): page count and metadata
// from djvused, a page's hidden text from djvutxt, a page image from ddjvu. No Node library reads
// DjVu; these are the reference implementation, and each call is a short process of its own.
import type { RenderOptions } from "../ocr/recognize-pages.js";
import { runTool } from "../ocr/system-tool.js";

/** Page count and metadata of even a large bundled file take a fraction of a second. */
const QUICK_TOOL_MS = 30_000;

export async function djvuPageCount(path: string): Promise<number> {
  const out = (await runTool("djvused", ["-e", "n", path], { timeoutMs: QUICK_TOOL_MS })).toString("utf8");
  const count = Number.parseInt(out.trim(), 10);
  if (!Number.isInteger(count) || count < 0) throw new Error(`djvused printed no page count: ${out.slice(0, 80)}`);
  return count;
}

/** Document metadata (`print-meta`, -u for UTF-8): key → value, e.g. title, author. */
export async function djvuMetadata(path: string): Promise<Map<string, string>> {
  const out = (await runTool("djvused", ["-u", "-e", "print-meta", path], { timeoutMs: QUICK_TOOL_MS })).toString(
    "utf8",
  );
  const meta = new Map<string, string>();
  for (const line of out.split("\n")) {
    const match = /^(\w+)\s+"((?:[^"\\]|\\.)*)"\s*$/.exec(line);
    if (match?.[1] && match[2] !== undefined) meta.set(match[1].toLowerCase(), unescapeDjvuString(match[2]));
  }
  return meta;
}

/** djvused strings escape quotes, backslashes, control characters and (without -u) bytes as \ooo. */
function unescapeDjvuString(value: string): string {
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "\\": 92 };
  const raw = Buffer.from(value, "utf8");
  for (let index = 0; index < raw.length; index += 1) {
    const byte = raw[index] as number;
    if (byte !== 92 || index + 1 >= raw.length) {
      bytes.push(byte);
      continue;
    }
    const next = String.fromCharCode(raw[index + 1] as number);
    const octal = /^[0-7]{3}$/.exec(raw.subarray(index + 1, index + 4).toString("latin1"));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8));
      index += 3;
    } else {
      bytes.push(simple[next] ?? (raw[index + 1] as number));
      index += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The hidden text layer of one page (empty when the page has none). */
export async function djvuPageText(path: string, page: number, timeoutMs: number): Promise<string> {
  return (await runTool("djvutxt", [`--page=${page}`, path], { timeoutMs })).toString("utf8");
}

/** One page as a grey PNM at `dpi` (ddjvu's -scale is the output resolution in dots per inch). */
export function renderDjvuPage(path: string, page: number, options: RenderOptions): Promise<Buffer> {
  const args = ["-format=pgm", `-page=${page}`, `-scale=${options.dpi}`, path, "-"];
  return runTool("ddjvu", args, { timeoutMs: options.timeoutMs, signal: options.signal });
}
