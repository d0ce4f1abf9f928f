// The page labels a PDF viewer shows ("xii" for front matter, "A-3" for an appendix), from the
// /PageLabels tree, so a citation can say what the reader will find in their viewer.
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

const MAX_LABEL_LENGTH = 24;
// biome-ignore lint/suspicious/noControlCharactersInRegex: a label with control characters is garbage.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/;

function usableLabel(label: unknown): string | undefined {
  if (typeof label !== "string") return undefined;
  const trimmed = label.trim();
  return trimmed && trimmed.length <= MAX_LABEL_LENGTH && !CONTROLS.test(trimmed) ? trimmed : undefined;
}

/**
 * Label of each page (index 0 is page 1), or undefined where the label is missing, unusable or
 * just the page number again: a label only earns its place in a citation when it tells more.
 */
export async function readPageLabels(doc: PDFDocumentProxy): Promise<(string | undefined)[]> {
  const labels: unknown = await doc.getPageLabels().catch(() => null);
  // pdf.js gives one label per page or null; any other length means a tree it could not follow.
  if (!Array.isArray(labels) || labels.length !== doc.numPages) return [];
  return labels.map((raw, index) => {
    const label = usableLabel(raw);
    return label !== undefined && label !== String(index + 1) ? label : undefined;
  });
}
