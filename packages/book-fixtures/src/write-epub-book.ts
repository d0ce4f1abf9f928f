// Writes a valid EPUB 3 book (nav document and NCX, mimetype first and stored).
import {
  CONTAINER_XML,
  chapterDocument,
  chapterFileName,
  type EpubChapter,
  type EpubMetadata,
  navDocument,
  ncxDocument,
  packageDocument,
} from "./epub-documents.js";
import { writeZip } from "./write-zip.js";

export interface EpubBookSpec extends EpubMetadata {
  path: string;
  chapters: EpubChapter[];
}

export async function writeEpubBook(spec: EpubBookSpec): Promise<void> {
  if (spec.chapters.length === 0) throw new Error("writeEpubBook: a book needs at least one chapter");
  const meta: EpubMetadata = { title: spec.title, author: spec.author, language: spec.language };
  await writeZip(spec.path, [
    { name: "mimetype", data: "application/epub+zip", compress: false },
    { name: "META-INF/container.xml", data: CONTAINER_XML },
    { name: "OEBPS/content.opf", data: packageDocument(meta, spec.chapters.length) },
    { name: "OEBPS/nav.xhtml", data: navDocument(meta, spec.chapters) },
    { name: "OEBPS/toc.ncx", data: ncxDocument(meta, spec.chapters) },
    ...spec.chapters.map((chapter, i) => ({
      name: `OEBPS/${chapterFileName(i)}`,
      data: chapterDocument(meta, chapter),
    })),
  ]);
}
