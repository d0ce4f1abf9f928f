// Writes a FictionBook 2 file in UTF-8 or windows-1251, optionally packed as .fb2.zip.
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname } from "node:path";
import iconv from "iconv-lite";
import { type Fb2Metadata, type Fb2Section, fb2Document } from "./fb2-document.js";
import { writeZip } from "./write-zip.js";

export interface Fb2BookSpec extends Fb2Metadata {
  path: string;
  sections: Fb2Section[];
  encoding: "utf-8" | "windows-1251";
  /** Pack the .fb2 into a zip at `path` (name it *.fb2.zip). */
  zip?: boolean;
}

export async function writeFb2Book(spec: Fb2BookSpec): Promise<void> {
  const xml = fb2Document(spec, spec.sections, spec.encoding);
  const bytes = spec.encoding === "utf-8" ? Buffer.from(xml, "utf8") : encodeWindows1251(xml);
  if (spec.zip) {
    const innerName = basename(spec.path)
      .replace(/\.zip$/i, "")
      .replace(/(\.fb2)?$/i, ".fb2");
    await writeZip(spec.path, [{ name: innerName, data: bytes }]);
    return;
  }
  await mkdir(dirname(spec.path), { recursive: true });
  await writeFile(spec.path, bytes);
}

/** Characters that windows-1251 lacks (→, ≥, emoji) become XML character references
 * instead of the "?" iconv would write, so the file still says exactly what the text says. */
function encodeWindows1251(xml: string): Buffer {
  const representable = new Map<string, boolean>();
  const escaped = Array.from(xml, (char) => {
    if (char.charCodeAt(0) < 128) return char;
    let ok = representable.get(char);
    if (ok === undefined) {
      ok = iconv.decode(iconv.encode(char, "win1251"), "win1251") === char;
      representable.set(char, ok);
    }
    return ok ? char : `&#x${(char.codePointAt(0) ?? 0x3f).toString(16)};`;
  }).join("");
  return iconv.encode(escaped, "win1251");
}
