// Reads an EPUB: spine order, chapters and sections from the book's table of contents, split at
// its #fragment anchors (and at the deeper entries a contents page in the book prints; or the
// document's first heading when the TOC does not list it), clean
// text without navigation chrome or TOC pages, title/author/language from the package metadata.
// Size caps apply before parsing.
import { cleanText, countWordCharacters } from "../clean-text.js";
import { type HtmlPiece, htmlToText } from "../html-to-text.js";
import { isPlausibleAuthor, isPlausibleTitle, titleFromFileName } from "../title-from-file-name.js";
import { BookLoadError, type BookSection, type ParsedBook } from "../types.js";
import { type GuardedZip, openGuardedZip } from "../zip/open-guarded-zip.js";
import { rejectDrmProtectedEpub } from "./drm-check.js";
import { type GuardedEpub, parseEpub } from "./guarded-epub.js";
import { type BookToc, type FileToc, hrefKey, readTableOfContents, type TocPlace } from "./table-of-contents.js";
import { isTableOfContentsPage } from "./toc-page.js";
import { type TocPageEntry, tocPageEntries } from "./toc-page-entries.js";

const TEXT_MEDIA_TYPES = /(xhtml|html|svg|xml)/i;
/** Image-only books (manga, scans) may carry a colophon: judge them by how many spine items have text. */
const MIN_SHARE_WITH_TEXT = 0.5;
const FEW_WORD_CHARS = 5000;

export interface EpubLoadOptions {
  maxUncompressedBytes: number;
}

interface SpineText {
  sections: BookSection[];
  /** Text documents in the spine, how many of them were actually in the zip, and how many had text. */
  listed: number;
  readable: number;
  withText: number;
}

/** A nav document in the spine with more than this many letters outside its <nav> is also a chapter. */
const NAV_PAGE_TEXT = 500;

function decodeChapter(bytes: Buffer): string {
  // XHTML in EPUB is UTF-8 or UTF-16; the BOM tells which.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  return bytes.toString("utf8");
}

function isTextItem(item: GuardedEpub["flow"][number]): item is typeof item & { href: string } {
  return item.href !== undefined && TEXT_MEDIA_TYPES.test(item.mediaType ?? item["media-type"] ?? "xhtml");
}

/** Entries a contents page in the book lists below the nav/NCX's depth: file → anchor → title. */
type PrintedEntries = Map<string, Map<string, string>>;

function addPrintedEntries(printed: PrintedEntries, toc: BookToc, entries: TocPageEntry[]): void {
  for (const entry of entries) {
    if (toc.files.get(entry.file)?.anchors.has(entry.fragment)) continue;
    const anchors = printed.get(entry.file) ?? new Map<string, string>();
    printed.set(entry.file, anchors);
    if (!anchors.has(entry.fragment)) anchors.set(entry.fragment, entry.title);
  }
}

/** The place a piece starts: the TOC entry at its anchor, or a printed entry as a section of the chapter around it. */
function placeAt(
  anchor: string,
  fileToc: FileToc | undefined,
  printed: Map<string, string> | undefined,
  place: TocPlace | undefined,
) {
  const listed = fileToc?.anchors.get(anchor);
  if (listed) return listed;
  const title = printed?.get(anchor);
  if (title === undefined) return place;
  return { chapter: place?.chapter ?? title, section: title };
}

/** A document's text as sections: consecutive pieces under one TOC place are one section. */
function documentSections(
  pieces: HtmlPiece[],
  fileToc: FileToc | undefined,
  printed: Map<string, string> | undefined,
  start: TocPlace | undefined,
) {
  const sections: BookSection[] = [];
  let place = start;
  let last: TocPlace | undefined;
  for (const piece of pieces) {
    if (piece.anchor !== undefined) place = placeAt(piece.anchor, fileToc, printed, place);
    const previous = sections.at(-1);
    if (previous && place === last) {
      previous.text = `${previous.text}\n\n${piece.text}`;
      continue;
    }
    sections.push({
      text: piece.text,
      ...(place?.chapter ? { chapter: place.chapter } : {}),
      ...(place?.section ? { section: place.section } : {}),
    });
    last = place;
  }
  return { sections, end: place };
}

function readSpine(epub: GuardedEpub, zip: GuardedZip): SpineText {
  const toc = readTableOfContents(epub, zip);
  const items = epub.flow.filter(isTextItem);
  const spineFiles = new Set(items.map((item) => hrefKey(item.href)));
  const result: SpineText = { sections: [], listed: 0, readable: 0, withText: 0 };
  const printed: PrintedEntries = new Map();
  // The place in effect where the previous document ended: a file the TOC does not list
  // (a chapter split in two by the converter) continues it.
  let carried: TocPlace | undefined;
  for (const item of items) {
    const file = hrefKey(item.href);
    result.listed += 1;
    let html: string;
    try {
      html = decodeChapter(zip.read(item.href));
    } catch (error) {
      if (error instanceof BookLoadError) throw error;
      continue; // listed in the spine but missing from the zip: keep the rest of the book
    }
    result.readable += 1;
    const fileToc = toc.files.get(file);
    // A contents list comes before the chapters it lists (a master page, a chapter's local contents).
    addPrintedEntries(printed, toc, tocPageEntries(html, file, false));
    const printedHere = printed.get(file);
    const page = htmlToText(html, {
      anchors: new Set([...(fileToc?.anchors.keys() ?? []), ...(printedHere?.keys() ?? [])]),
    });
    if (!page.text) continue;
    if (file === toc.navFile && countWordCharacters(page.text) < NAV_PAGE_TEXT) continue;
    if (isTableOfContentsPage({ file, ...page }, spineFiles)) {
      addPrintedEntries(printed, toc, tocPageEntries(html, file, true));
      continue;
    }
    result.withText += 1;
    const start = fileToc?.start ?? (page.firstHeading ? { chapter: page.firstHeading } : carried);
    const { sections, end } = documentSections(page.pieces, fileToc, printedHere, start);
    result.sections.push(...sections);
    carried = end;
  }
  return result;
}

function rejectWithoutText(spine: SpineText, path: string): void {
  if (spine.listed > 0 && spine.readable === 0) {
    throw new BookLoadError("corrupt", path, `ни одной из ${spine.listed} глав оглавления (spine) нет в архиве`);
  }
  const wordChars = spine.sections.reduce((sum, section) => sum + countWordCharacters(section.text), 0);
  const share = spine.readable > 0 ? spine.withText / spine.readable : 0;
  if (wordChars === 0 || (share < MIN_SHARE_WITH_TEXT && wordChars < FEW_WORD_CHARS)) {
    throw new BookLoadError(
      "no_text",
      path,
      `текст есть в ${spine.withText} из ${spine.readable} глав (${wordChars} букв): книга из одних изображений`,
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
    throw new BookLoadError("corrupt", path, `нарушена структура EPUB: ${reason}`);
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
