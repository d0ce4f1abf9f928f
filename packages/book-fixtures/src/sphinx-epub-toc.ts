// Tables of contents of a Sphinx-style EPUB: the NCX (with #fragment targets and Sphinx's
// repeated entries) and the EPUB 3 nav document (nested <ol>, no repeats).
import type { SphinxChapter, SphinxSection } from "./sphinx-epub-documents.js";
import { escapeXml } from "./xml-escape.js";

export function sphinxNcx(title: string, rootTitle: string, chapters: SphinxChapter[]): string {
  let order = 0;
  const point = (label: string, src: string, inner = "") =>
    `<navPoint id="navPoint${++order}" playOrder="${order}"><navLabel><text>${escapeXml(label)}</text></navLabel><content src="${src}" />${inner}</navPoint>`;
  // Sphinx repeats an entry that has children as its own first child.
  const entry = (section: SphinxSection, src: string, file: string): string => {
    const children = section.sections ?? [];
    if (children.length === 0) return point(section.title, src);
    const repeat = point(section.title, src);
    return point(
      section.title,
      src,
      repeat + children.map((child) => entry(child, `${file}#${child.id}`, file)).join(""),
    );
  };
  const points = [
    point(rootTitle, "index.xhtml"),
    ...chapters.map((chapter) => entry(chapter, chapter.file, chapter.file)),
  ];
  return `<?xml version="1.0"?>
<ncx version="2005-1" xmlns="http://www.daisy.org/z3986/2005/ncx/">
  <head><meta name="dtb:uid" content="unknown"/><meta name="dtb:depth" content="3"/></head>
  <docTitle><text>${escapeXml(title)}</text></docTitle>
  <navMap>
${points.join("\n")}
  </navMap>
</ncx>
`;
}

export function sphinxNav(rootTitle: string, language: string, chapters: SphinxChapter[]): string {
  const items = (sections: SphinxSection[], file: string, top: boolean): string =>
    sections
      .map((section) => {
        const href = top ? file : `${file}#${section.id}`;
        const children = section.sections?.length ? `<ol>${items(section.sections, file, false)}</ol>` : "";
        return `<li><a href="${href}">${escapeXml(section.title)}</a>${children}</li>`;
      })
      .join("\n");
  const list = chapters.map((chapter) => items([chapter], chapter.file, true)).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${language}" xml:lang="${language}">
<head><title>Table of Contents</title></head>
<body>
<nav epub:type="toc" id="toc"><h1>Table of Contents</h1>
<ol>
<li><a href="index.xhtml">${escapeXml(rootTitle)}</a></li>
${list}
</ol>
</nav>
</body>
</html>
`;
}
