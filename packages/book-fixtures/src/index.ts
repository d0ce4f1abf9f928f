// Writers of real book files (PDF, EPUB, FB2) and hostile files, for tests and the sample library.

export { characterErrorRate, normaliseForCer } from "./character-error-rate.js";
export type { EpubChapter } from "./epub-documents.js";
export type { Fb2Section } from "./fb2-document.js";
export { type RawZipEntry, writeRawZip } from "./raw-zip.js";
export type { SphinxChapter, SphinxSection } from "./sphinx-epub-documents.js";
export { type EpubBookSpec, writeEpubBook } from "./write-epub-book.js";
export { type Fb2BookSpec, writeFb2Book } from "./write-fb2-book.js";
export { type ManyPagesOptions, writeManyPagesPdf } from "./write-many-pages-pdf.js";
export { type PdfBookSpec, writePdfBook } from "./write-pdf-book.js";
export {
  type ScannedBookSpec,
  type ScannedDjvuSpec,
  scanPdfPages,
  writeMixedPdf,
  writeScannedDjvu,
  writeScannedPdf,
} from "./write-scanned-books.js";
export { type SphinxEpubSpec, writeSphinxEpubBook } from "./write-sphinx-epub-book.js";
export { writeZipBombEpub, type ZipBombOptions } from "./write-zip-bomb-epub.js";
