// Renders one PDF page to a grey PNM image for OCR with poppler's pdftoppm. Poppler rather than
// pdf.js: pdf.js in Node needs a canvas package (node-canvas, a native build with Cairo) and
// renders scans several times slower; pdftoppm is one Debian package, decodes JBIG2 and CCITT
// scans natively and runs as a process of its own, outside the parser's heap cap.
import type { RenderOptions } from "../ocr/recognize-pages.js";
import { runTool } from "../ocr/system-tool.js";

export function renderPdfPage(path: string, page: number, options: RenderOptions): Promise<Buffer> {
  const args = ["-r", String(options.dpi), "-f", String(page), "-l", String(page), "-gray", path];
  return runTool("pdftoppm", args, { timeoutMs: options.timeoutMs, signal: options.signal });
}
