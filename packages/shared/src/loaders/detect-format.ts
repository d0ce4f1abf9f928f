// Which loader reads a file: by extension, with a cheap look at the first bytes where the
// extension makes a promise the content can break (a PDF must start with %PDF, a DjVu with
// AT&TFORM, a zip with PK).
import { open } from "node:fs/promises";
import type { BookFormat } from "./types.js";

const BY_EXTENSION: [RegExp, BookFormat][] = [
  [/\.pdf$/i, "pdf"],
  [/\.djvu?$/i, "djvu"],
  [/\.epub$/i, "epub"],
  [/\.fb2(\.zip)?$/i, "fb2"],
  [/\.txt$/i, "txt"],
  [/\.(md|markdown)$/i, "md"],
];

export function detectBookFormat(path: string): BookFormat | undefined {
  return BY_EXTENSION.find(([pattern]) => pattern.test(path))?.[1];
}

export function isZippedFb2(path: string): boolean {
  return /\.fb2\.zip$/i.test(path);
}

function magicOf(path: string, format: BookFormat): string | undefined {
  if (format === "pdf") return "%PDF";
  // Every DjVu file, single-page or bundled, is an IFF container that starts with these 8 bytes.
  if (format === "djvu") return "AT&TFORM";
  return format === "epub" || isZippedFb2(path) ? "PK" : undefined;
}

/** True when the first bytes agree with the format (or the format has no magic number). */
export async function hasExpectedMagic(path: string, format: BookFormat): Promise<boolean> {
  const expected = magicOf(path, format);
  if (!expected) return true;
  const handle = await open(path, "r");
  try {
    // PDF allows junk before the header (up to 1024 bytes in practice); zips start at byte 0.
    const head = Buffer.alloc(format === "pdf" ? 1024 : expected.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead).includes(Buffer.from(expected, "latin1"));
  } finally {
    await handle.close();
  }
}
