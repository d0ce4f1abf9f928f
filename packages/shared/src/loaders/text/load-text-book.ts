// Reads a plain-text book: UTF-8 (BOM stripped) or, when the bytes are not UTF-8, windows-1251.
// One section with the whole text; the chunker splits it.
import { readFile, stat } from "node:fs/promises";
import { cleanText } from "../clean-text.js";
import { decodePlainText } from "../decode-text-bytes.js";
import { titleFromFileName } from "../title-from-file-name.js";
import { BookLoadError, type ParsedBook } from "../types.js";

export interface TextLoadOptions {
  maxUncompressedBytes: number;
}

export async function readTextFile(path: string, options: TextLoadOptions): Promise<string> {
  const { size } = await stat(path);
  if (size > options.maxUncompressedBytes) {
    throw new BookLoadError("too_large", path, `размер файла ${size} байт, предел ${options.maxUncompressedBytes}`);
  }
  const bytes = await readFile(path);
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new BookLoadError("corrupt", path, "в файле есть байты NUL: это двоичный файл, а не текст");
  }
  return decodePlainText(bytes);
}

export async function loadTextBook(path: string, options: TextLoadOptions): Promise<ParsedBook> {
  const text = cleanText(await readTextFile(path, options));
  if (!text) throw new BookLoadError("empty", path, "в текстовом файле только пробельные символы");
  return { format: "txt", title: titleFromFileName(path), sections: [{ text }] };
}
