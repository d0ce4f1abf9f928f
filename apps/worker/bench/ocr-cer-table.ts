// The CER table of `pnpm bench ocr`: pages with known text rasterised at 300 and 150 dpi into
// image-only PDFs and DjVu (c44 greyscale, cjb2 bilevel), Russian and English, plus pages of real
// books from ../shared/corpus whose text layer is the truth, each recognised through the parser
// with a cache of its own (nothing reused between rows).
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { characterErrorRate, scanPdfPages, writePdfBook, writeScannedDjvu } from "@ai-library/book-fixtures";
import { type BookLoadLimits, loadBook, loadBookIsolated, type OcrPlan } from "@ai-library/shared/loaders";

export interface CerRow {
  text: string;
  container: string;
  dpi: number;
  cer: number;
}

const LIMITS: BookLoadLimits = { timeoutMs: 600_000, memoryMb: 1024, maxUncompressedBytes: 3e8, maxPages: 20_000 };

const pageText = async (path: string, page: number, plan?: OcrPlan) => {
  const book = plan ? await loadBookIsolated(path, LIMITS, { ocr: plan }) : await loadBook(path, LIMITS);
  return book.sections
    .filter((section) => section.page === page)
    .map((section) => section.text)
    .join("\n");
};

export async function measureCerTable(
  work: string,
  plan: Extract<OcrPlan, { enabled: true }>,
  texts: { ru: string; en: string },
  realPages: { label: string; path: string; page: number }[],
): Promise<CerRow[]> {
  const rows: CerRow[] = [];
  const freshPlan = (): OcrPlan => ({
    enabled: true,
    settings: { ...plan.settings, cacheDir: mkdtempSync(join(work, "cer-cache-")) },
  });
  for (const dpi of [300, 150]) {
    const settings = (): OcrPlan => {
      const fresh = freshPlan();
      return fresh.enabled ? { enabled: true, settings: { ...fresh.settings, dpi } } : fresh;
    };
    for (const [language, truth] of Object.entries(texts)) {
      const typeset = join(work, `typeset-${language}.pdf`);
      await writePdfBook({ path: typeset, title: language, pages: [truth] });
      const pdf = join(work, `scan-${language}-${dpi}.pdf`);
      await scanPdfPages(typeset, pdf, dpi);
      rows.push({
        text: `generated ${language}`,
        container: "PDF",
        dpi,
        cer: cer(await pageText(pdf, 1, settings()), truth),
      });
      for (const encoder of ["c44", "cjb2"] as const) {
        const djvu = join(work, `scan-${language}-${dpi}-${encoder}.djvu`);
        await writeScannedDjvu({ path: djvu, title: language, pages: [truth], dpi, encoder });
        const recognised = await pageText(djvu, 1, settings());
        rows.push({ text: `generated ${language}`, container: `DjVu ${encoder}`, dpi, cer: cer(recognised, truth) });
      }
    }
    for (const real of realPages) {
      const truth = await pageText(real.path, real.page);
      const scan = join(work, `real-${rows.length}.pdf`);
      await scanPdfPages(real.path, scan, dpi, undefined, { first: real.page, last: real.page });
      rows.push({ text: real.label, container: "PDF", dpi, cer: cer(await pageText(scan, 1, settings()), truth) });
    }
  }
  return rows;
}

const cer = (recognised: string, truth: string) => characterErrorRate(recognised, truth);
