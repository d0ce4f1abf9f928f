// Scanned books with known text, made the way a scanner would: the text is typeset as a PDF
// (writePdfBook), every page rasterised at the given resolution, and the images bound into an
// image-only PDF (img2pdf) or a bundled DjVu (c44 for greyscale, cjb2 for bilevel pages). A mixed
// PDF joins text pages and scanned pages (pdfunite). Written to temp folders at test time.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rasterisePdf, scanTool } from "./scan-tools.js";
import { writePdfBook } from "./write-pdf-book.js";

export interface ScannedBookSpec {
  path: string;
  title: string;
  author?: string;
  /** Text of each page; paragraphs separated by blank lines. */
  pages: string[];
  dpi: number;
}

async function withScratch<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "ai-library-scan-"));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An image-only PDF: no text layer at all, each page one greyscale image at `dpi`. */
export async function writeScannedPdf(spec: ScannedBookSpec): Promise<void> {
  await withScratch(async (dir) => {
    const typeset = join(dir, "typeset.pdf");
    await writePdfBook({ path: typeset, title: spec.title, pages: spec.pages });
    await scanPdfPages(typeset, spec.path, spec.dpi, dir);
  });
}

/** Rasterises an existing PDF (a real book's pages `first`..`last`) into an image-only PDF. */
export async function scanPdfPages(
  source: string,
  target: string,
  dpi: number,
  scratch?: string,
  range: { first?: number; last?: number } = {},
): Promise<void> {
  const work = async (dir: string) => {
    const images = await rasterisePdf(source, join(dir, "page"), { dpi, ...range });
    // img2pdf takes PNM as it is and records the resolution, so the PDF page keeps its paper size.
    await scanTool("img2pdf", ["--imgsize", `${dpi}dpi`, "-o", target, ...images]);
  };
  if (scratch) await work(scratch);
  else await withScratch(work);
}

export interface ScannedDjvuSpec extends ScannedBookSpec {
  /** c44: greyscale wavelet pages (photos, scans in grey); cjb2: bilevel JB2 pages (black-and-white scans). */
  encoder: "c44" | "cjb2";
  /** Pages (1-based) given a hidden text layer holding their text, as an OCR'd DjVu would have. */
  hiddenTextPages?: number[];
}

/** A bundled multi-page DjVu with title/author metadata and, optionally, hidden text on some pages. */
export async function writeScannedDjvu(spec: ScannedDjvuSpec): Promise<void> {
  await withScratch(async (dir) => {
    const typeset = join(dir, "typeset.pdf");
    await writePdfBook({ path: typeset, title: spec.title, pages: spec.pages });
    const images = await rasterisePdf(typeset, join(dir, "page"), { dpi: spec.dpi, mono: spec.encoder === "cjb2" });
    const pages: string[] = [];
    for (const [index, image] of images.entries()) {
      const page = join(dir, `page${index + 1}.djvu`);
      await scanTool(spec.encoder, ["-dpi", String(spec.dpi), image, page]);
      pages.push(page);
    }
    await scanTool("djvm", ["-c", spec.path, ...pages]);
    const script: string[] = [];
    const meta = join(dir, "meta.txt");
    const quote = (text: string) => JSON.stringify(text);
    await writeFile(meta, `title ${quote(spec.title)}\n${spec.author ? `author ${quote(spec.author)}\n` : ""}`);
    script.push(`set-meta ${meta}`);
    for (const pageNumber of spec.hiddenTextPages ?? []) {
      const text = join(dir, `text${pageNumber}.txt`);
      // One zone for the whole page is enough for djvutxt, which is what readers of the layer use.
      await writeFile(text, `(page 0 0 1 1 ${quote(spec.pages[pageNumber - 1] ?? "")})\n`);
      script.push(`select ${pageNumber}`, `set-txt ${text}`);
    }
    await scanTool("djvused", [spec.path, "-e", script.join("; "), "-s"]);
  });
}

/** A PDF whose pages in `scanned` (1-based) are images only and whose other pages have a text layer (pdfunite keeps no title: readers see the file name). */
export async function writeMixedPdf(spec: ScannedBookSpec & { scanned: number[] }): Promise<void> {
  await withScratch(async (dir) => {
    const typeset = join(dir, "typeset.pdf");
    await writePdfBook({ path: typeset, title: spec.title, pages: spec.pages });
    const parts: string[] = [];
    for (let page = 1; page <= spec.pages.length; page += 1) {
      const part = join(dir, `part${page}.pdf`);
      if (spec.scanned.includes(page))
        await scanPdfPages(typeset, part, spec.dpi, undefined, { first: page, last: page });
      else await scanTool("pdfseparate", ["-f", String(page), "-l", String(page), typeset, part]);
      parts.push(part);
    }
    await scanTool("pdfunite", [...parts, spec.path]);
  });
}
