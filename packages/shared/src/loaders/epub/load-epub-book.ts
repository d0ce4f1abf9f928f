// Reads an EPUB: spine order, chapter titles from the TOC (or the chapter's first heading),
// clean text, title/author/language from the package metadata. Size caps apply before parsing.
import { cleanText, countWordCharacters } from "../clean-text.js";
import { htmlToText } from "../html-to-text.js";
import { isPlausibleTitle, titleFromFileName } from "../title-from-file-name.js";
import { BookLoadError, type BookSection, type ParsedBook } from "../types.js";
import { type GuardedZip, openGuardedZip } from "../zip/open-guarded-zip.js";
import { rejectDrmProtectedEpub } from "./drm-check.js";
import { type GuardedEpub, parseEpub } from "./guarded-epub.js";
import { collectTocTitles, hrefKey } from "./toc-titles.js";

const TEXT_MEDIA_TYPES = /(xhtml|html|svg|xml)/i;
/** A whole book with fewer letters than this has no real text (image-only, fixed-layout comics). */
const MIN_BOOK_WORD_CHARS = 200;

export interface EpubLoadOptions {
  maxUncompressedBytes: number;
}

function decodeChapter(bytes: Buffer): string {
  // XHTML in EPUB is UTF-8 or UTF-16; the BOM tells which.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  return bytes.toString("utf8");
}

function readSections(epub: GuardedEpub, zip: GuardedZip): BookSection[] {
  const titles = collectTocTitles(epub, zip);
  const sections: BookSection[] = [];
  for (const item of epub.flow) {
    if (!item.href || !TEXT_MEDIA_TYPES.test(item.mediaType ?? item["media-type"] ?? "xhtml")) continue;
    let html: string;
    try {
      html = decodeChapter(zip.read(item.href));
    } catch (error) {
      if (error instanceof BookLoadError) throw error;
      continue; // a chapter listed in the spine but missing from the zip: keep the rest of the book
    }
    const { text, firstHeading } = htmlToText(html);
    if (!text) continue;
    const chapter = titles.get(hrefKey(item.href)) ?? firstHeading;
    sections.push({ text, ...(chapter ? { chapter } : {}) });
  }
  return sections;
}

export async function loadEpubBook(path: string, options: EpubLoadOptions): Promise<ParsedBook> {
  const zip = await openGuardedZip(path, options.maxUncompressedBytes);
  rejectDrmProtectedEpub(zip, path);
  let epub: GuardedEpub;
  try {
    epub = await parseEpub(path, zip);
  } catch (error) {
    if (error instanceof BookLoadError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new BookLoadError("corrupt", path, `EPUB structure is broken: ${reason}`);
  }
  const sections = readSections(epub, zip);
  const wordChars = sections.reduce((sum, section) => sum + countWordCharacters(section.text), 0);
  if (wordChars < MIN_BOOK_WORD_CHARS) {
    throw new BookLoadError("no_text", path, `only ${wordChars} letters of text in ${epub.flow.length} spine items`);
  }
  const title = cleanText(epub.metadata.title ?? "");
  const author = cleanText(epub.metadata.creator ?? "");
  const language = (epub.metadata.language ?? "").trim();
  return {
    format: "epub",
    title: isPlausibleTitle(title) ? title : titleFromFileName(path),
    ...(author ? { author } : {}),
    ...(language ? { language } : {}),
    sections,
  };
}
