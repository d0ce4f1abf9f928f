// What the parse child needs to recognise scanned pages, and whether it may: the settings from
// the configuration when OCR is on and Tesseract has the languages, otherwise the reason why not
// (a scanned book is then reported no_text with that reason).
import type { AppConfig } from "../../config/schema.js";
import { detectOcrEngine, type OcrEngine } from "./detect-ocr-engine.js";

export interface OcrSettings {
  /** Tesseract languages, "rus+eng". */
  languages: string;
  dpi: number;
  /** Rendering plus recognition of one page. */
  pageTimeoutMs: number;
  /** Pages of one book recognised at once. */
  concurrency: number;
  /** Per-page text cache (INDEX_DIR/cache/ocr). */
  cacheDir: string;
  /** Tesseract's version: part of the cache key, so an upgrade recognises pages anew. */
  engineVersion: string;
}

export type OcrPlan = { enabled: true; settings: OcrSettings } | { enabled: false; reason: string };

type OcrConfig = Pick<
  AppConfig,
  "OCR_ENABLED" | "OCR_LANGUAGES" | "OCR_DPI" | "OCR_CONCURRENCY" | "OCR_PAGE_TIMEOUT_SECONDS"
>;

export function ocrPlanFromConfig(
  config: OcrConfig,
  cacheDir: string,
  detect: () => OcrEngine = detectOcrEngine,
): OcrPlan {
  if (config.OCR_ENABLED === false) return { enabled: false, reason: "OCR выключен (OCR_ENABLED=false)" };
  const engine = detect();
  if (!engine.installed) {
    return {
      enabled: false,
      reason:
        "tesseract не установлен; запустите scripts/setup-system.sh (apt-get install tesseract-ocr tesseract-ocr-rus)",
    };
  }
  const missing = config.OCR_LANGUAGES.split("+").filter((language) => !engine.languages.includes(language));
  if (missing.length > 0) {
    const packages = missing.map((language) => `tesseract-ocr-${language.replace(/_/g, "-")}`).join(" ");
    return {
      enabled: false,
      reason: `у Tesseract нет данных для языков OCR_LANGUAGES ${missing.join(", ")}; apt-get install ${packages}`,
    };
  }
  return {
    enabled: true,
    settings: {
      languages: config.OCR_LANGUAGES,
      dpi: config.OCR_DPI,
      pageTimeoutMs: config.OCR_PAGE_TIMEOUT_SECONDS * 1000,
      concurrency: config.OCR_CONCURRENCY,
      cacheDir,
      engineVersion: engine.version,
    },
  };
}
