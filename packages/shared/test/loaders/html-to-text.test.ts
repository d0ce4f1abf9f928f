// htmlToText on the chrome that converters put around book text, and on code blocks.
import { describe, expect, it } from "vitest";
import { htmlToText } from "../../src/loaders/html-to-text.js";

describe("htmlToText", () => {
  it("drops link bars in <header>/<footer> but keeps a header that holds the chapter heading", () => {
    const html = `<body>
      <header><a href="ch1.html">« Previous</a> | <a href="index.html">Up</a> | <a href="ch3.html">Next »</a></header>
      <header><h2>Chapter 2</h2><p>The Storm</p></header>
      <p>The wind rose at dusk.</p>
      <footer><a href="ch3.html">Next chapter</a></footer>
    </body>`;
    const page = htmlToText(html);
    expect(page.text).toBe("Chapter 2\n\nThe Storm\n\nThe wind rose at dusk.");
    expect(page.firstHeading).toBe("Chapter 2");
  });

  it("skips Pandoc's nav#TOC, Calibre's inline TOC and role=navigation blocks, and their headings", () => {
    const html = `<body>
      <nav id="TOC" role="doc-toc"><h2>Contents</h2><ul><li><a href="#intro">Intro</a></li></ul></nav>
      <div class="calibre_toc_block"><h2>Table of Contents</h2><a href="c1.html">One</a></div>
      <div role="navigation"><h3>Навигация</h3><a href="x.html">Предыдущая</a></div>
      <h1 id="intro">Intro</h1><p>Words <span>and</span> more words.</p>
    </body>`;
    const page = htmlToText(html);
    expect(page.text).toBe("Intro\n\nWords and more words.");
    expect(page.firstHeading).toBe("Intro");
  });

  it("keeps a table row on one line when its cells hold paragraphs, as Sphinx writes them", () => {
    const html = `<body><p>Consider this example:</p>
      <table class="docutils align-default"><thead><tr><th class="head"><p></p></th><th class="head"><p>a</p></th>
      <th class="head"><p>b</p></th></tr></thead><tbody>
      <tr><td><p>testing</p></td><td><p>1</p></td><td><p>-</p></td></tr>
      <tr><td><p>unstable</p></td><td><p>1</p></td><td><p>2</p></td></tr></tbody></table>
      <p>The package is out of date for alpha.</p></body>`;
    expect(htmlToText(html).text).toBe(
      "Consider this example:\n\n| a | b\ntesting | 1 | -\nunstable | 1 | 2\n\nThe package is out of date for alpha.",
    );
  });

  it("splits the text at the given anchors, text before the first one in a piece of its own", () => {
    const html = `<p>Before.</p><section id="a"><h2>A</h2><p>Text A.</p><section id="b"><h3>B</h3><p>Text B.</p></section></section>`;
    expect(htmlToText(html, { anchors: new Set(["a", "b", "missing"]) }).pieces).toEqual([
      { text: "Before." },
      { anchor: "a", text: "A\n\nText A." },
      { anchor: "b", text: "B\n\nText B." },
    ]);
  });

  it("keeps <pre> lines, indentation and escaped markup, decoding entities once", () => {
    const html = `<p>Run:</p><pre><span></span>dput --force &lt;host&gt; pkg.changes
    --delayed=3  &amp;lt;not-a-tag&amp;gt;
echo re-
build</pre><p>Done.</p>`;
    expect(htmlToText(html).text).toBe(
      "Run:\n\ndput --force <host> pkg.changes\n    --delayed=3 &lt;not-a-tag&gt;\necho re-\nbuild\n\nDone.",
    );
  });
});
