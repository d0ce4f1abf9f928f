// Writes a real PDF with a text layer: one input string per page, Cyrillic included
// (DejaVu Sans embedded), title and author in the document info dictionary, and optionally an
// outline (bookmarks) and page labels, as LaTeX and word processors write them.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { finished } from "node:stream/promises";
import PDFDocument from "pdfkit";
import { BODY_FONT_PATH } from "./fonts.js";

/** A bookmark pointing to the top of a page; depth 0 is top level, each deeper one nests in the last shallower one. */
export interface PdfOutlineEntry {
  title: string;
  /** 1-based page; entries must come in page order. */
  page: number;
  depth?: number;
}

/** From `startPage` (1-based) on, pages are labelled in this style: D 1 2 3, r i ii iii, R I II, a a b c, A A B C. */
export interface PdfPageLabelRange {
  startPage: number;
  style: "D" | "r" | "R" | "a" | "A";
  /** The label number of startPage (the /St entry); 1 when omitted. */
  firstNumber?: number;
}

export interface PdfBookSpec {
  path: string;
  title: string;
  author?: string;
  /** Text of each page; paragraphs separated by blank lines. Page i of the PDF holds pages[i-1]. */
  pages: string[];
  outline?: PdfOutlineEntry[];
  pageLabels?: PdfPageLabelRange[];
}

const MARGIN = 56;
const FIXED_DATE = new Date("2024-01-01T00:00:00Z");
const LARGEST_FONT = 11;
const SMALLEST_FONT = 5;

export async function writePdfBook(spec: PdfBookSpec): Promise<void> {
  await mkdir(dirname(spec.path), { recursive: true });
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    autoFirstPage: false,
    info: {
      Title: spec.title,
      ...(spec.author ? { Author: spec.author } : {}),
      Creator: "@ai-library/book-fixtures",
      // A fixed date also fixes the file ID pdfkit derives from the info dictionary: same input, same bytes.
      CreationDate: FIXED_DATE,
      ModDate: FIXED_DATE,
    },
  });
  const done = finished(doc.pipe(createWriteStream(spec.path)));
  doc.registerFont("body", BODY_FONT_PATH);
  const addBookmarks = bookmarkWriter(doc, spec.outline ?? []);
  for (const [index, pageText] of spec.pages.entries()) {
    doc.addPage();
    doc.font("body");
    writePageText(doc, pageText);
    addBookmarks(index + 1);
  }
  if (spec.pageLabels) setPageLabels(doc, spec.pageLabels);
  doc.end();
  await done;
}

/** Shrinks the font until the text fits one page, so pdfkit never spills onto an extra page
 * and page numbers in the file match the indexes of `pages`. */
function writePageText(doc: PDFKit.PDFDocument, text: string): void {
  const width = doc.page.width - 2 * MARGIN;
  const height = doc.page.height - 2 * MARGIN;
  const options = { width, paragraphGap: 6 };
  let size = LARGEST_FONT;
  doc.fontSize(size);
  while (size > SMALLEST_FONT && doc.heightOfString(text, options) > height) {
    size -= 0.5;
    doc.fontSize(size);
  }
  if (doc.heightOfString(text, options) > height) {
    throw new Error(`writePdfBook: a page of ${text.length} characters does not fit on one A4 page; split it`);
  }
  doc.text(text, MARGIN, MARGIN, { ...options, height });
}

/** pdfkit bookmarks the page being written, so each entry is added once its page exists. */
function bookmarkWriter(doc: PDFKit.PDFDocument, entries: PdfOutlineEntry[]): (page: number) => void {
  let next = 0;
  const parents: PDFKit.PDFOutline[] = [doc.outline];
  return (page) => {
    for (let entry = entries[next]; entry && entry.page <= page; entry = entries[++next]) {
      if (entry.page < page) throw new Error(`writePdfBook: outline entry "${entry.title}" is out of page order`);
      const depth = Math.min(entry.depth ?? 0, parents.length - 1);
      const item = (parents[depth] ?? doc.outline).addItem(entry.title);
      parents.splice(depth + 1, parents.length, item);
    }
  };
}

/** pdfkit has no API for /PageLabels; its catalog dictionary is reachable, though not typed. */
function setPageLabels(doc: PDFKit.PDFDocument, ranges: PdfPageLabelRange[]): void {
  const root: unknown = Reflect.get(doc, "_root");
  const catalog: unknown = typeof root === "object" && root !== null ? Reflect.get(root, "data") : undefined;
  if (typeof catalog !== "object" || catalog === null) {
    throw new Error("writePdfBook: pdfkit's catalog is not where it used to be; cannot write /PageLabels");
  }
  // Page indexes and label dictionaries alternate in the number tree's /Nums array; plain
  // strings become PDF names in pdfkit, which is what /S needs.
  const nums = ranges.flatMap((range) => [
    range.startPage - 1,
    { S: range.style, ...(range.firstNumber !== undefined ? { St: range.firstNumber } : {}) },
  ]);
  Reflect.set(catalog, "PageLabels", { Nums: nums });
}
