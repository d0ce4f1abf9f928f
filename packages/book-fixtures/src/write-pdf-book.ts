// Writes a real PDF with a text layer: one input string per page, Cyrillic included
// (DejaVu Sans embedded), title and author in the document info dictionary.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { finished } from "node:stream/promises";
import PDFDocument from "pdfkit";
import { BODY_FONT_PATH } from "./fonts.js";

export interface PdfBookSpec {
  path: string;
  title: string;
  author?: string;
  /** Text of each page; paragraphs separated by blank lines. Page i of the PDF holds pages[i-1]. */
  pages: string[];
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
  for (const pageText of spec.pages) {
    doc.addPage();
    doc.font("body");
    writePageText(doc, pageText);
  }
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
