// Recognises the pages of one book that need it, OCR_CONCURRENCY at a time: render the page,
// look its image up in the cache, otherwise run Tesseract and cache the text. Each page has its
// own deadline (OCR_PAGE_TIMEOUT_SECONDS, rendering included); a page that fails or runs out of
// time is returned with its reason and the others go on.
import { performance } from "node:perf_hooks";
import type { OcrCache } from "./ocr-cache.js";
import type { OcrSettings } from "./ocr-settings.js";
import { recognizeImage } from "./recognize-image.js";
import { ToolError } from "./system-tool.js";

export type OcrPageResult =
  | { page: number; ok: true; text: string; cached: boolean; seconds: number }
  | { page: number; ok: false; reason: string; seconds: number };

export interface RenderOptions {
  dpi: number;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface RecognizePagesRequest {
  pages: readonly number[];
  /** The page as a PNM image at settings.dpi. */
  render: (page: number, options: RenderOptions) => Promise<Buffer>;
  settings: OcrSettings;
  cache: OcrCache;
  onPage?: (result: OcrPageResult) => void;
}

async function recognizeOnePage(request: RecognizePagesRequest, page: number): Promise<OcrPageResult> {
  const { settings, cache } = request;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), settings.pageTimeoutMs);
  const left = () => Math.max(1, settings.pageTimeoutMs - (performance.now() - started));
  try {
    const image = await request.render(page, { dpi: settings.dpi, timeoutMs: left(), signal: deadline.signal });
    const key = cache.keyOf(image);
    const known = await cache.get(key);
    if (known !== undefined) return { page, ok: true, text: known, cached: true, seconds: seconds() };
    const text = await recognizeImage(image, {
      languages: settings.languages,
      dpi: settings.dpi,
      timeoutMs: left(),
      signal: deadline.signal,
    });
    // A cache that cannot be written (full disk) costs the next run time, not this page its text.
    await cache.put(key, text).catch(() => undefined);
    return { page, ok: true, text, cached: false, seconds: seconds() };
  } catch (error) {
    const reason = deadline.signal.aborted
      ? `нет результата за OCR_PAGE_TIMEOUT_SECONDS (${settings.pageTimeoutMs / 1000} с)`
      : error instanceof ToolError
        ? error.message
        : `${(error as Error).name}: ${(error as Error).message}`;
    return { page, ok: false, reason, seconds: seconds() };
  } finally {
    clearTimeout(timer);
  }
}

export async function recognizePages(request: RecognizePagesRequest): Promise<Map<number, OcrPageResult>> {
  const results = new Map<number, OcrPageResult>();
  let next = 0;
  const work = async () => {
    for (let index = next++; index < request.pages.length; index = next++) {
      const page = request.pages[index] as number;
      const result = await recognizeOnePage(request, page);
      results.set(page, result);
      request.onPage?.(result);
    }
  };
  const lanes = Math.min(request.settings.concurrency, request.pages.length);
  await Promise.all(Array.from({ length: lanes }, work));
  return results;
}
