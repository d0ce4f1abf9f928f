// A readable title from a file name, for books whose metadata has none.
import { basename } from "node:path";

export function titleFromFileName(path: string): string {
  const name = basename(path)
    .replace(/\.fb2\.zip$/i, "")
    .replace(/\.[^.]+$/, "");
  const title = name.replace(/[_]+/g, " ").replace(/\s+/g, " ").trim();
  return title || basename(path);
}

/** Metadata titles that are really file names or placeholders ("Microsoft Word - x.doc", "untitled"). */
export function isPlausibleTitle(title: string | undefined): title is string {
  if (!title) return false;
  const trimmed = title.trim();
  if (trimmed.length < 2 || trimmed.length > 300) return false;
  if (/^(untitled|unknown|no title|без названия|title|document\d*)$/i.test(trimmed)) return false;
  if (/^microsoft (word|powerpoint|excel) - /i.test(trimmed)) return false;
  if (/\.(pdf|docx?|rtf|odt|tex|dvi|ps|indd|qxd|txt|html?)$/i.test(trimmed)) return false;
  if (/^\S+\.[a-z]{2,8}$/i.test(trimmed)) return false; // a bare file name such as "IBM-PDFs.graffle"
  return /[\p{L}\p{N}]/u.test(trimmed);
}

/** Author fields that are placeholders or tool artefacts ("Unknown", Perl's "ARRAY(0x2c7cf020)"). */
export function isPlausibleAuthor(author: string | undefined): author is string {
  if (!author) return false;
  const trimmed = author.trim();
  if (trimmed.length < 2 || trimmed.length > 300) return false;
  if (/^(unknown|anonymous|author|user|admin|administrator|неизвестен|неизвестный автор)$/i.test(trimmed)) return false;
  if (/^(ARRAY|HASH|SCALAR)\(0x[0-9a-f]+\)$/i.test(trimmed)) return false;
  return /\p{L}/u.test(trimmed);
}
