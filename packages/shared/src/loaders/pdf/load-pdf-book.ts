// Reads a PDF with pdf.js (legacy build for Node): per-page text with 1-based page numbers, page
// labels and outline sections, running headers removed; title and author from metadata. A page
// without a usable text layer (a scan, or recognition garbage) is recognised by OCR when the
// plan allows. No eval, no font loading, no network: local files only.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { cleanText, countWordCharacters } from "../clean-text.js";
import { DEFAULT_MAX_PAGES } from "../limits.js";
import type { OcrEventListener } from "../ocr/ocr-report.js";
import type { OcrPlan } from "../ocr/ocr-settings.js";
import { ocrWhereNeeded, type PageLayer, whyNoTextAfterOcr } from "../ocr/ocr-where-needed.js";
import { judgeTextLayer } from "../ocr/text-layer-check.js";
import { titleFromFileName } from "../title-from-file-name.js";
import { BookLoadError, type BookSection, type ParsedBook } from "../types.js";
import { readOutlineEntries } from "./outline-entries.js";
import { outlineHeadingTest, outlineRunningHeadTest } from "./outline-running-heads.js";
import { type PdfPageText, sectionsFromPages } from "./outline-sections.js";
import { readPageLabels } from "./page-labels.js";
import { joinPageText } from "./page-text.js";
import { pdfErrorToBookError } from "./pdf-errors.js";
import { readPdfMetadata } from "./pdf-metadata.js";
import { renderPdfPage } from "./render-pdf-page.js";
import { removeRunningHeaders } from "./running-headers.js";

// CMaps and standard font metrics ship inside pdfjs-dist; some fonts need them to map glyphs to text.
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const CMAP_DIR = `${join(pdfjsRoot, "cmaps")}/`;
const STANDARD_FONTS_DIR = `${join(pdfjsRoot, "standard_fonts")}/`;

/** Fewer letters and digits than this per page on average means a scan without a text layer. */
const MIN_WORD_CHARS_PER_PAGE = 10;

export interface PdfLoadOptions {
  maxPages?: number;
  /** OCR for pages without a usable text layer; without it such pages stay empty. */
  ocr?: OcrPlan | undefined;
  onOcrEvent?: OcrEventListener | undefined;
}

export async function loadPdfBook(path: string, options: PdfLoadOptions = {}): Promise<ParsedBook> {
  const data = new Uint8Array(await readFile(path));
  const loadingTask = getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: CMAP_DIR,
    standardFontDataUrl: STANDARD_FONTS_DIR,
    verbosity: 0,
  });
  try {
    const doc = await loadingTask.promise;
    const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    if (doc.numPages > maxPages) {
      throw new BookLoadError("too_large", path, `${doc.numPages} стр., предел ${maxPages}`);
    }
    const layers = await readPages(doc, options.ocr?.enabled === true);
    const recognised = await ocrWhereNeeded(layers, {
      plan: options.ocr,
      render: (page, render) => renderPdfPage(path, page, render),
      onEvent: options.onOcrEvent,
    });
    const pages = recognised.pages;
    const wordChars = pages.reduce((sum, page) => sum + countWordCharacters(page.text), 0);
    if (wordChars < MIN_WORD_CHARS_PER_PAGE * doc.numPages) {
      const detail = `${doc.numPages} стр., но лишь ${wordChars} букв в текстовом слое`;
      throw new BookLoadError("no_text", path, `${detail}${whyNoTextAfterOcr(recognised)}`);
    }
    const sections = await sectionsOf(doc, pages);
    const meta = await readPdfMetadata(doc);
    return {
      format: "pdf",
      title: meta.title ?? titleFromFileName(path),
      ...(meta.author ? { author: meta.author } : {}),
      ...(meta.language ? { language: meta.language } : {}),
      sections,
      pageCount: doc.numPages,
      ...(recognised.report ? { ocr: recognised.report } : {}),
    };
  } catch (error) {
    throw pdfErrorToBookError(error, path);
  } finally {
    // Destroys the document too, and works even when opening failed (wrong password, broken xref).
    await loadingTask.destroy();
  }
}

/**
 * Each page's text layer, and whether it needs OCR. Images are looked for only when OCR can run;
 * without OCR a page with no letters still counts as needing it, for the no_text reason.
 */
async function readPages(doc: PDFDocumentProxy, ocrCanRun: boolean): Promise<PageLayer[]> {
  const pages: PageLayer[] = [];
  for (let pageNumber = 1; pageNumber <= doc.numPages; pageNumber += 1) {
    const page = await doc.getPage(pageNumber);
    try {
      const text = cleanText(joinPageText(await page.getTextContent()));
      const verdict = await judgeTextLayer(text, async () => !ocrCanRun || (await showsImage(page)));
      pages.push({ page: pageNumber, text, needsOcr: verdict !== "good" });
    } finally {
      // Frees the page's parsed resources at once, so a long book does not hold every page in memory.
      page.cleanup();
    }
    // pdf.js chains its work through promises only; without a turn of the event loop between pages
    // nothing else runs (timers, IPC, a queue's lock renewal) until the whole book is done.
    await yieldToEventLoop();
  }
  return pages;
}

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObjectGroup,
]);

/** Does the page paint an image? A blank or vector-only page has nothing for OCR to read. */
async function showsImage(page: PDFPageProxy): Promise<boolean> {
  const operators = await page.getOperatorList();
  return operators.fnArray.some((op) => IMAGE_OPS.has(op));
}

/** Labels and outline are a few calls to pdf.js each, and both fail soft: absent, not fatal. */
/** Share of a book's letters that must remain once running headers are removed. */
const MIN_SHARE_LEFT_AFTER_HEADERS = 0.5;

async function sectionsOf(doc: PDFDocumentProxy, pages: PdfPageText[]): Promise<BookSection[]> {
  const labels = await readPageLabels(doc);
  const entries = await readOutlineEntries(doc);
  const labelled = pages.map(({ page, text, ocr }) => {
    const pageLabel = labels[page - 1];
    return { page, text, ...(pageLabel ? { pageLabel } : {}), ...(ocr ? { ocr } : {}) };
  });
  const texts = removeRunningHeaders(
    labelled.map(({ page, text, pageLabel }) => ({ page, text, ...(pageLabel ? { label: pageLabel } : {}) })),
    { isHeading: outlineHeadingTest(entries), isKnownHead: outlineRunningHeadTest(entries) },
  );
  // Headers are a line or two a page. When removing them would take most of the book's text
  // (every page the same one line, a form repeated page after page), they are the book itself.
  const before = labelled.reduce((sum, page) => sum + countWordCharacters(page.text), 0);
  const after = texts.reduce((sum, text) => sum + countWordCharacters(text), 0);
  const keepHeaders = after < before * MIN_SHARE_LEFT_AFTER_HEADERS;
  return sectionsFromPages(
    labelled.map((page, index) => ({ ...page, text: keepHeaders ? page.text : (texts[index] ?? page.text) })),
    entries,
  );
}
