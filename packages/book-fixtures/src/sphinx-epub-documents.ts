// The documents of an EPUB as Sphinx's epub builder writes them: one XHTML file per chapter,
// nested <section id> blocks, highlighted code in <pre>, and navigation chrome on every page
// (the relation bar, a sidebar headed "Навигация" listing every chapter, a footer). The NCX
// points at the sections by #fragment and repeats each chapter (and each section with
// children) as its own first child, as Sphinx does.
import { escapeXml } from "./xml-escape.js";

export interface SphinxSection {
  id: string;
  title: string;
  paragraphs: string[];
  /** Shown as a highlighted code block (lines kept, leading spaces included). */
  code?: string;
  sections?: SphinxSection[];
}

export interface SphinxChapter extends SphinxSection {
  /** File name inside the book, e.g. "tools.xhtml". */
  file: string;
}

export interface SphinxBookMetadata {
  title: string;
  language: string;
  /** Heading of the sidebar on every page. */
  sidebarHeading: string;
}

/** A Sphinx-highlighted code block: every token in its own <span>, markup characters escaped. */
function codeBlock(code: string): string {
  const lines = code
    .split("\n")
    .map((line) =>
      line.replace(
        /(\s*)(\S+)/g,
        (_match, space: string, word: string) => `${space}<span class="n">${escapeXml(word)}</span>`,
      ),
    );
  return `<div class="highlight-console notranslate"><div class="highlight"><pre><span></span>${lines.join("\n")}\n</pre></div></div>`;
}

function sectionHtml(section: SphinxSection, level: number, number: string): string {
  const heading = `<h${level}><span class="section-number">${number}. </span>${escapeXml(section.title)}</h${level}>`;
  const paragraphs = section.paragraphs.map((text) => `<p>${escapeXml(text)}</p>`).join("\n");
  const code = section.code === undefined ? "" : `\n${codeBlock(section.code)}`;
  const children = (section.sections ?? [])
    .map((child, i) => sectionHtml(child, Math.min(level + 1, 6), `${number}.${i + 1}`))
    .join("\n");
  return `<section id="${section.id}">\n<span id="${section.id}-label"></span>${heading}\n${paragraphs}${code}\n${children}\n</section>`;
}

function sidebar(meta: SphinxBookMetadata, chapters: SphinxChapter[]): string {
  const links = chapters
    .map(
      (chapter, i) =>
        `<li class="toctree-l1"><a class="reference internal" href="${chapter.file}">${i + 1}. ${escapeXml(chapter.title)}</a></li>`,
    )
    .join("\n");
  return `<div class="sphinxsidebar" role="navigation" aria-label="main navigation"><div class="sphinxsidebarwrapper">
<h3>${escapeXml(meta.sidebarHeading)}</h3>
<ul>
${links}
</ul>
</div></div>`;
}

function relationBar(meta: SphinxBookMetadata, previous?: SphinxChapter, next?: SphinxChapter): string {
  const items = [
    next ? `<li class="right"><a href="${next.file}" title="${escapeXml(next.title)}">вперёд</a> |</li>` : "",
    previous
      ? `<li class="right"><a href="${previous.file}" title="${escapeXml(previous.title)}">назад</a> |</li>`
      : "",
    `<li class="nav-item nav-item-0"><a href="index.xhtml">${escapeXml(meta.title)}</a> »</li>`,
  ].join("\n");
  return `<div class="related" role="navigation" aria-label="related navigation"><h3>${escapeXml(meta.sidebarHeading)}</h3><ul>\n${items}\n</ul></div>`;
}

export function sphinxPage(
  meta: SphinxBookMetadata,
  title: string,
  body: string,
  chrome: { top: string; side: string },
): string {
  return `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${meta.language}">
<head><meta charset="utf-8" /><title>${escapeXml(title)}</title></head>
<body>
${chrome.top}
${chrome.side}
<div class="document"><div class="documentwrapper"><div class="body" role="main">
${body}
</div></div></div>
<div class="footer" role="contentinfo">© Copyright 2024, Команда. Created using Sphinx 5.3.0.</div>
</body>
</html>
`;
}

export function sphinxChapterPage(meta: SphinxBookMetadata, chapters: SphinxChapter[], index: number): string {
  const chapter = chapters[index];
  if (!chapter) throw new Error(`sphinxChapterPage: no chapter ${index}`);
  return sphinxPage(meta, chapter.title, sectionHtml(chapter, 1, String(index + 1)), {
    top: relationBar(meta, chapters[index - 1], chapters[index + 1]),
    side: sidebar(meta, chapters),
  });
}

/** The root document: a short preface and the toctree (a list of links to every section). */
export function sphinxIndexPage(meta: SphinxBookMetadata, chapters: SphinxChapter[], preface: string): string {
  const tree = (sections: SphinxSection[], file: string, depth: number): string =>
    sections
      .map((section) => {
        const href = depth === 1 ? file : `${file}#${section.id}`;
        const children = section.sections?.length ? `<ul>\n${tree(section.sections, file, depth + 1)}\n</ul>` : "";
        return `<li class="toctree-l${depth}"><a class="reference internal" href="${href}">${escapeXml(section.title)}</a>${children}</li>`;
      })
      .join("\n");
  const items = chapters.map((chapter) => tree([chapter], chapter.file, 1)).join("\n");
  const body = `<section id="index"><h1>${escapeXml(meta.title)}</h1>
<p>${escapeXml(preface)}</p>
<div class="toctree-wrapper compound"><ul>
${items}
</ul></div></section>`;
  return sphinxPage(meta, meta.title, body, {
    top: relationBar(meta, undefined, chapters[0]),
    side: sidebar(meta, chapters),
  });
}

/** A contents page as converters write it: a heading and one plain link per chapter. */
export function contentsPage(meta: SphinxBookMetadata, chapters: SphinxChapter[]): string {
  const links = chapters
    .map((chapter) => `<p class="toc"><a href="${chapter.file}">${escapeXml(chapter.title)}</a></p>`)
    .join("\n");
  return sphinxPage(meta, "Содержание", `<h1>Содержание</h1>\n${links}`, { top: "", side: "" });
}
