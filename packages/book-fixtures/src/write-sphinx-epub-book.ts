// Writes an EPUB shaped like Sphinx's output (Debian's developers-reference and friends):
// chrome on every page, sections addressed by #fragment from the table of contents, and a
// root page that is mostly a toctree. `toc: "ncx"` writes an EPUB 2-style book with only the
// NCX; `toc: "nav"` an EPUB 3 book with only a nav document, placed in the spine as well.
import { CONTAINER_XML } from "./epub-documents.js";
import {
  contentsPage,
  type SphinxBookMetadata,
  type SphinxChapter,
  type SphinxSection,
  sphinxChapterPage,
  sphinxIndexPage,
} from "./sphinx-epub-documents.js";
import { sphinxNav, sphinxNcx } from "./sphinx-epub-toc.js";
import { writeZip } from "./write-zip.js";
import { escapeXml } from "./xml-escape.js";

export interface SphinxEpubSpec {
  path: string;
  title: string;
  language: string;
  chapters: SphinxChapter[];
  toc: "ncx" | "nav";
  /** Text of the root page before its toctree. */
  preface: string;
  /** Sidebar heading on every page; Sphinx's Russian one by default. */
  sidebarHeading?: string;
  /** Chapter files the table of contents leaves out (the loader must fall back to their heading). */
  leftOutOfToc?: string[];
  /** Adds a converter-style "Содержание" page (plain links to every chapter) after the root page. */
  contentsPage?: boolean;
  /**
   * Levels the NCX/nav lists (1 = chapters only); the root page's toctree lists every level, as
   * in Debian's developers-reference, whose nav stops a level above the numbered sections.
   */
  tocDepth?: number;
}

function prunedTo(sections: SphinxSection[], depth: number): SphinxSection[] {
  return sections.map((section) => {
    const { sections: children, ...rest } = section;
    return depth > 1 && children ? { ...rest, sections: prunedTo(children, depth - 1) } : rest;
  });
}

interface Item {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
  inSpine: boolean;
}

function packageDocument(spec: SphinxEpubSpec, items: Item[]): string {
  const manifest = items
    .map(
      (item) =>
        `    <item id="${item.id}" href="${item.href}" media-type="${item.mediaType}"${item.properties ? ` properties="${item.properties}"` : ""}/>`,
    )
    .join("\n");
  const spine = items
    .filter((item) => item.inSpine)
    .map((item) => `    <itemref idref="${item.id}"/>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="${spec.toc === "nav" ? "3.0" : "2.0"}" unique-identifier="book-id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">urn:uuid:00000000-0000-4000-8000-000000000017</dc:identifier>
    <dc:title>${escapeXml(spec.title)}</dc:title>
    <dc:language>${escapeXml(spec.language)}</dc:language>
    <meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
${manifest}
  </manifest>
  <spine${spec.toc === "ncx" ? ' toc="ncx"' : ""}>
${spine}
  </spine>
</package>
`;
}

export async function writeSphinxEpubBook(spec: SphinxEpubSpec): Promise<void> {
  const meta: SphinxBookMetadata = {
    title: spec.title,
    language: spec.language,
    sidebarHeading: spec.sidebarHeading ?? "Навигация",
  };
  const xhtml = "application/xhtml+xml";
  const tocItem: Item =
    spec.toc === "ncx"
      ? { id: "ncx", href: "toc.ncx", mediaType: "application/x-dtbncx+xml", inSpine: false }
      : { id: "nav", href: "nav.xhtml", mediaType: xhtml, properties: "nav", inSpine: true };
  const items: Item[] = [
    tocItem,
    { id: "index", href: "index.xhtml", mediaType: xhtml, inSpine: true },
    ...(spec.contentsPage ? [{ id: "contents", href: "contents.xhtml", mediaType: xhtml, inSpine: true }] : []),
    ...spec.chapters.map((chapter, i) => ({ id: `epub-${i}`, href: chapter.file, mediaType: xhtml, inSpine: true })),
  ];
  const inToc = spec.chapters.filter((chapter) => !spec.leftOutOfToc?.includes(chapter.file));
  const listed =
    spec.tocDepth === undefined
      ? inToc
      : inToc.map((chapter): SphinxChapter => {
          const [pruned] = prunedTo([chapter], spec.tocDepth ?? 1);
          return { file: chapter.file, ...(pruned ?? chapter) };
        });
  const tocDocument =
    spec.toc === "ncx" ? sphinxNcx(spec.title, spec.title, listed) : sphinxNav(spec.title, spec.language, listed);
  await writeZip(spec.path, [
    { name: "mimetype", data: "application/epub+zip", compress: false },
    { name: "META-INF/container.xml", data: CONTAINER_XML },
    { name: "OEBPS/content.opf", data: packageDocument(spec, items) },
    { name: `OEBPS/${tocItem.href}`, data: tocDocument },
    { name: "OEBPS/index.xhtml", data: sphinxIndexPage(meta, spec.chapters, spec.preface) },
    ...(spec.contentsPage ? [{ name: "OEBPS/contents.xhtml", data: contentsPage(meta, spec.chapters) }] : []),
    ...spec.chapters.map((chapter, i) => ({
      name: `OEBPS/${chapter.file}`,
      data: sphinxChapterPage(meta, spec.chapters, i),
    })),
  ]);
}
