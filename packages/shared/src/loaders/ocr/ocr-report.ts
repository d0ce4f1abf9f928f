// What a book's OCR did, page by page as it happens (events for progress and metrics) and in
// sum (the report line of the book).

export interface OcrPageFailure {
  page: number;
  reason: string;
}

/** Pages of a scanned or partly scanned book by where their text came from. */
export interface OcrBookReport {
  /** Pages whose own text layer (PDF) or hidden text (DjVu) was used. */
  textPages: number;
  /** Pages recognised by OCR, from the cache or not. */
  ocrPages: number;
  /** Of ocrPages, those whose text came from the OCR cache. */
  cachedPages: number;
  failedPages: OcrPageFailure[];
}

export type OcrEvent =
  /** Sent once, before the first page is recognised: the parent extends the parse deadline by it. */
  | { type: "ocr-planned"; pages: number; concurrency: number; pageTimeoutMs: number }
  | { type: "ocr-page"; page: number; done: number; total: number; ok: boolean; cached: boolean; seconds: number };

export type OcrEventListener = (event: OcrEvent) => void;
