// The one OCR step of the page-based loaders (PDF, DjVu): given each page's own text and whether
// that text is usable, recognise the pages that need it when OCR is on, and say how the book's
// pages got their text. With OCR off or missing, pages keep what they had and the reason is
// returned for the no_text message (and a garbage layer stays, as it was before OCR existed).
import type { OcrBookReport, OcrEventListener } from "./ocr-report.js";
import type { OcrPlan } from "./ocr-settings.js";
import { recognizeBookPages } from "./recognize-book-pages.js";
import type { RecognizePagesRequest } from "./recognize-pages.js";

export interface PageLayer {
  page: number;
  /** The page's own text (PDF text layer, DjVu hidden text), cleaned; may be empty or garbage. */
  text: string;
  needsOcr: boolean;
}

export interface PageText {
  page: number;
  text: string;
  ocr?: true;
}

export interface PagesAfterOcr {
  /** Pages with text, in page order. */
  pages: PageText[];
  /** Present when some page needed OCR and OCR ran. */
  report?: OcrBookReport;
  /** Why pages that needed OCR did not get it (OCR off, Tesseract missing). */
  notRecognisedBecause?: string;
}

export interface OcrWhereNeededOptions {
  plan?: OcrPlan | undefined;
  render: RecognizePagesRequest["render"];
  onEvent?: OcrEventListener | undefined;
}

export async function ocrWhereNeeded(layers: PageLayer[], options: OcrWhereNeededOptions): Promise<PagesAfterOcr> {
  const wanted = layers.filter((layer) => layer.needsOcr).map((layer) => layer.page);
  const own = (layer: PageLayer): PageText[] => (layer.text ? [{ page: layer.page, text: layer.text }] : []);
  if (wanted.length === 0) return { pages: layers.flatMap(own) };
  const { plan } = options;
  if (!plan?.enabled) {
    return { pages: layers.flatMap(own), notRecognisedBecause: plan?.reason ?? "OCR не запрашивался" };
  }
  const { texts, report } = await recognizeBookPages(wanted, options.render, plan.settings, options.onEvent);
  const pages = layers.flatMap((layer): PageText[] => {
    if (!layer.needsOcr) return own(layer);
    const text = texts.get(layer.page);
    return text ? [{ page: layer.page, text, ocr: true }] : [];
  });
  const textPages = layers.filter((layer) => !layer.needsOcr && layer.text).length;
  return { pages, report: { textPages, ...report } };
}

/** The end of a no_text message: why OCR gave nothing. */
export function whyNoTextAfterOcr(result: PagesAfterOcr): string {
  if (result.notRecognisedBecause) return `; ${result.notRecognisedBecause}`;
  const failed = result.report?.failedPages ?? [];
  if (failed.length === 0) return result.report ? "; OCR не нашёл текста на страницах" : "";
  const first = failed[0];
  return `; OCR не справился со страницами: ${failed.length}, например со стр. ${first?.page}: ${first?.reason}`;
}
