// Reads FB2 and FB2.ZIP books: declared encoding honoured (windows-1251 and friends),
// sections → chapters, title/author/language from title-info.
import { readFile, stat } from "node:fs/promises";
import { countWordCharacters } from "../clean-text.js";
import { decodeXml } from "../decode-text-bytes.js";
import { isZippedFb2 } from "../detect-format.js";
import { isPlausibleAuthor, isPlausibleTitle, titleFromFileName } from "../title-from-file-name.js";
import { BookLoadError, type ParsedBook } from "../types.js";
import { openGuardedZip } from "../zip/open-guarded-zip.js";
import { readFb2 } from "./fb2-reader.js";

export interface Fb2LoadOptions {
  maxUncompressedBytes: number;
}

async function readFb2Bytes(path: string, maxBytes: number): Promise<Buffer> {
  if (isZippedFb2(path)) {
    const zip = await openGuardedZip(path, maxBytes);
    const inner = zip.names.find((name) => name.toLowerCase().endsWith(".fb2"));
    if (!inner) throw new BookLoadError("corrupt", path, "в zip-архиве нет файла .fb2");
    return zip.read(inner);
  }
  const { size } = await stat(path);
  if (size > maxBytes) throw new BookLoadError("too_large", path, `размер файла ${size} байт, предел ${maxBytes}`);
  return readFile(path);
}

export async function loadFb2Book(path: string, options: Fb2LoadOptions): Promise<ParsedBook> {
  const xml = decodeXml(await readFb2Bytes(path, options.maxUncompressedBytes), path);
  if (!/<FictionBook[\s>]/.test(xml.slice(0, 4096))) {
    throw new BookLoadError("corrupt", path, "нет корневого элемента <FictionBook>: это не FB2");
  }
  const content = readFb2(xml);
  const wordChars = content.sections.reduce((sum, section) => sum + countWordCharacters(section.text), 0);
  if (wordChars === 0) throw new BookLoadError("empty", path, "в разделах FB2 нет текста");
  const title = [content.title, content.bodyTitle].find(isPlausibleTitle) ?? titleFromFileName(path);
  return {
    format: "fb2",
    title,
    ...(isPlausibleAuthor(content.author) ? { author: content.author } : {}),
    ...(content.language ? { language: content.language } : {}),
    sections: content.sections,
  };
}
