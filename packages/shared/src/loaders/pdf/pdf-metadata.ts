// Title and author of a PDF from its XMP metadata or info dictionary, when they look real.
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { isPlausibleAuthor, isPlausibleTitle } from "../title-from-file-name.js";

export interface PdfMetadata {
  title?: string;
  author?: string;
  language?: string;
}

function stringField(record: unknown, key: string): string | undefined {
  if (typeof record !== "object" || record === null || !(key in record)) return undefined;
  const value: unknown = Reflect.get(record, key);
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

export async function readPdfMetadata(doc: PDFDocumentProxy): Promise<PdfMetadata> {
  // A broken metadata stream must not cost us the text: fall back to the file name.
  const meta = await doc.getMetadata().catch(() => undefined);
  if (!meta) return {};
  // XMP is newer and usually better encoded than the info dictionary, so it wins when present.
  const xmpTitle = meta.metadata?.get("dc:title") ?? undefined;
  const xmpAuthor = meta.metadata?.get("dc:creator") ?? undefined;
  const title = [xmpTitle, stringField(meta.info, "Title")].find(
    (candidate): candidate is string => typeof candidate === "string" && isPlausibleTitle(candidate),
  );
  // XMP dc:creator is a list of names; the info dictionary has one string.
  const xmpAuthorText = Array.isArray(xmpAuthor) ? xmpAuthor.join(", ") : xmpAuthor;
  const author = [xmpAuthorText, stringField(meta.info, "Author")].find(
    (candidate): candidate is string => typeof candidate === "string" && isPlausibleAuthor(candidate),
  );
  const language = stringField(meta.info, "Language");
  return {
    ...(title ? { title: title.trim() } : {}),
    ...(author ? { author: author.trim() } : {}),
    ...(language ? { language } : {}),
  };
}
