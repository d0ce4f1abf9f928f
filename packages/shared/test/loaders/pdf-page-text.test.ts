// How one PDF page's text items become text. The items below are what pdf.js gives for
// R-intro.pdf p. 12 (r-doc-pdf): the file name ".RData" at 10.91 pt, then its footnote mark
// "5" at 6.97 pt, raised 3.95 pt. Read as a plain digit, the mark made ".RData5" a word of its
// own, so neither the keyword search nor a reader found ".RData".
import type { TextContent, TextItem } from "pdfjs-dist/types/src/display/api.js";
import { describe, expect, it } from "vitest";
import { joinPageText } from "../../src/loaders/pdf/page-text.js";
import { tokenize } from "../../src/text/index.js";

function item(str: string, x: number, y: number, size: number, width: number, hasEOL = false): TextItem {
  return { str, dir: "ltr", transform: [size, 0, 0, size, x, y], width, height: size, fontName: "f", hasEOL };
}

const page = (items: TextItem[]): TextContent => ({ items, styles: {}, lang: null }) as unknown as TextContent;

describe("PDF page text", () => {
  it("turns a small raised number right after a word into a superscript footnote mark", () => {
    const text = joinPageText(
      page([
        item("written to a file called", 72, 209.53, 10.91, 122),
        item(" ", 194.23, 209.53, 10.91, 3.32),
        item(".RData", 197.54, 209.53, 10.91, 34.36),
        item("5", 231.91, 213.48, 6.97, 3.97),
        item(" ", 235.88, 213.48, 6.97, 3.82),
        item("in the current directory", 239.7, 209.53, 10.91, 110, true),
        item("next line", 72, 196, 10.91, 40),
      ]),
    );
    expect(text).toBe("written to a file called .RData⁵ in the current directory\nnext line");
    expect(tokenize(text)).toContain("RData");
  });

  it("keeps numbers that are text: same size on the baseline, or after a space", () => {
    const text = joinPageText(
      page([
        item("version", 72, 500, 10, 35),
        item("2", 108, 500, 10, 5),
        item("see page ", 72, 488, 10, 40),
        item("12", 112, 491, 7, 8),
      ]),
    );
    expect(text).toBe("version2\nsee page 12");
  });
});
