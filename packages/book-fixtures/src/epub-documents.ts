// The XML documents inside an EPUB 3 (container, package, nav, NCX, chapters), as strings.
import { createHash } from "node:crypto";
import { escapeXml, splitParagraphs } from "./xml-escape.js";

export interface EpubChapter {
  title: string;
  text: string;
}

export interface EpubMetadata {
  title: string;
  author?: string;
  language: string;
}

export const CONTAINER_XML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;

export const chapterFileName = (index: number) => `chapter-${String(index + 1).padStart(3, "0")}.xhtml`;

/** A stable identifier derived from the title, so rewriting the same book gives the same file. */
function bookIdentifier(meta: EpubMetadata): string {
  const hex = createHash("sha256")
    .update(`${meta.title}\u0000${meta.author ?? ""}`)
    .digest("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function packageDocument(meta: EpubMetadata, chapterCount: number): string {
  const items = Array.from(
    { length: chapterCount },
    (_, i) => `    <item id="c${i + 1}" href="${chapterFileName(i)}" media-type="application/xhtml+xml"/>`,
  ).join("\n");
  const spine = Array.from({ length: chapterCount }, (_, i) => `    <itemref idref="c${i + 1}"/>`).join("\n");
  const creator = meta.author ? `\n    <dc:creator>${escapeXml(meta.author)}</dc:creator>` : "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${escapeXml(meta.language)}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">${bookIdentifier(meta)}</dc:identifier>
    <dc:title>${escapeXml(meta.title)}</dc:title>${creator}
    <dc:language>${escapeXml(meta.language)}</dc:language>
    <meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
${items}
  </manifest>
  <spine toc="ncx">
${spine}
  </spine>
</package>
`;
}

export function navDocument(meta: EpubMetadata, chapters: EpubChapter[]): string {
  const links = chapters
    .map((chapter, i) => `      <li><a href="${chapterFileName(i)}">${escapeXml(chapter.title)}</a></li>`)
    .join("\n");
  return xhtmlPage(meta, meta.title, `  <nav epub:type="toc" id="toc">\n    <ol>\n${links}\n    </ol>\n  </nav>`);
}

export function ncxDocument(meta: EpubMetadata, chapters: EpubChapter[]): string {
  const points = chapters
    .map(
      (chapter, i) =>
        `    <navPoint id="np${i + 1}" playOrder="${i + 1}"><navLabel><text>${escapeXml(chapter.title)}</text></navLabel>` +
        `<content src="${chapterFileName(i)}"/></navPoint>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head><meta name="dtb:uid" content="${bookIdentifier(meta)}"/></head>
  <docTitle><text>${escapeXml(meta.title)}</text></docTitle>
  <navMap>
${points}
  </navMap>
</ncx>
`;
}

export function chapterDocument(meta: EpubMetadata, chapter: EpubChapter): string {
  const paragraphs = splitParagraphs(chapter.text)
    .map((paragraph) => `  <p>${escapeXml(paragraph)}</p>`)
    .join("\n");
  return xhtmlPage(meta, chapter.title, `  <h1>${escapeXml(chapter.title)}</h1>\n${paragraphs}`);
}

function xhtmlPage(meta: EpubMetadata, title: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${escapeXml(meta.language)}" xml:lang="${escapeXml(meta.language)}">
<head><meta charset="UTF-8"/><title>${escapeXml(title)}</title></head>
<body>
${body}
</body>
</html>
`;
}
