// Bytes to string for text-like books: a BOM wins, then a declared encoding (XML), then UTF-8
// when the bytes are valid UTF-8, else windows-1251 (the usual legacy encoding of Russian files).
import iconv from "iconv-lite";
import { BookLoadError } from "./types.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

function decodeByBom(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), "utf-16be");
  return undefined;
}

/** Plain text (TXT, MD): UTF-8 if it is valid UTF-8, otherwise windows-1251. */
export function decodePlainText(bytes: Buffer): string {
  const byBom = decodeByBom(bytes);
  if (byBom !== undefined) return byBom;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return iconv.decode(bytes, "win1251");
  }
}

/** XML honouring its declaration (`<?xml ... encoding="windows-1251"?>`); UTF-8 when none is declared. */
export function decodeXml(bytes: Buffer, file: string): string {
  const byBom = decodeByBom(bytes);
  if (byBom !== undefined) return byBom;
  const declaration = bytes.subarray(0, 200).toString("latin1");
  const label = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(declaration)?.[1];
  if (!label || /^utf-?8$/i.test(label)) return bytes.toString("utf8");
  if (!iconv.encodingExists(label)) {
    throw new BookLoadError("corrupt", file, `XML объявляет неизвестную кодировку "${label}"`);
  }
  return iconv.decode(bytes, label);
}
