// Reads an EPUB: spine order, chapter titles from the TOC (or the chapter's first heading),
// clean text, title/author/language from the package metadata. Size caps apply before parsing.
import { cleanText, countWordCharacters } from "../clean-text.js";
import { htmlToText } from "../html-to-text.js";
import { isPlausibleAuthor, isPlausibleTitle, titleFromFileName } from "../title-from-file-name.js";
import { BookLoadError, type BookSection, type ParsedBook } from "../types.js";
import { type GuardedZip, openGuardedZip } from "../zip/open-guarded-zip.js";
import { rejectDrmProtectedEpub } from "./drm-check.js";
import { type GuardedEpub, parseEpub } from "./guarded-epub.js";
import { collectTocTitles, hrefKey } from "./toc-titles.js";

const TEXT_MEDIA_TYPES = /(xhtml|html|svg|xml)/i;
/** Image-only books (manga, scans) may carry a colophon: judge them by how many spine items have text. */
const MIN_SHARE_WITH_TEXT = 0.5;
const FEW_WORD_CHARS = 5000;

export interface EpubLoadOptions {
  maxUncompressedBytes: number;
}

interface SpineText {
  sections: BookSection[];
  /** Text documents in the spine, and how many of them were actually in the zip. */
  listed: number;
  readable: number;
}

function decodeChapter(bytes: Buffer): string {
  // XHTML in EPUB is UTF-8 or UTF-16; the BOM tells which.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  return bytes.toString("utf8");
}

function readSpine(epub: GuardedEpub, zip: GuardedZip): SpineText {
  const titles = collectTocTitles(epub, zip);
  const result: SpineText = { sections: [], listed: 0, readable: 0 };
  for (const item of epub.flow) {
    if (!item.href || !TEXT_MEDIA_TYPES.test(item.mediaType ?? item["media-type"] ?? "xhtml")) continue;
    result.listed += 1;
    let html: string;
    try {
      html = decodeChapter(zip.read(item.href));
    } catch (error) {
      if (error instanceof BookLoadError) throw error;
      continue; // listed in the spine but missing from the zip: keep the rest of the book
    }
    result.readable += 1;
    const { text, firstHeading } = htmlToText(html);
    if (!text) continue;
    const chapter = titles.get(hrefKey(item.href)) ?? firstHeading;
    result.sections.push({ text, ...(chapter ? { chapter } : {}) });
  }
  return result;
}

function rejectWithoutText(spine: SpineText, path: string): void {
  if (spine.listed > 0 && spine.readable === 0) {
    throw new BookLoadError("corrupt", path, `none of the ${spine.listed} chapters in the spine is in the archive`);
  }
  const wordChars = spine.sections.reduce((sum, section) => sum + countWordCharacters(section.text), 0);
  const share = spine.readable > 0 ? spine.sections.length / spine.readable : 0;
  if (wordChars === 0 || (share < MIN_SHARE_WITH_TEXT && wordChars < FEW_WORD_CHARS)) {
    throw new BookLoadError(
      "no_text",
      path,
      `${spine.sections.length} of ${spine.readable} chapters have text (${wordChars} letters): image-only book`,
    );
  }
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
  const spine = readSpine(epub, zip);
  rejectWithoutText(spine, path);
  const title = cleanText(epub.metadata.title ?? "");
  const author = cleanText(epub.metadata.creator ?? "");
  const language = (epub.metadata.language ?? "").trim();
  return {
    format: "epub",
    title: isPlausibleTitle(title) ? title : titleFromFileName(path),
    ...(isPlausibleAuthor(author) ? { author } : {}),
    ...(language ? { language } : {}),
    sections: spine.sections,
  };
}
