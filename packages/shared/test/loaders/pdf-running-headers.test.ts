// Running headers and footers on synthetic page texts: what repeats at the edges of nearby pages
// or carries the page's number goes, body text and one-off headings stay.
import { describe, expect, it } from "vitest";
import {
  isPageNumberLine,
  type PageTextForHeaders,
  removeRunningHeaders,
} from "../../src/loaders/pdf/running-headers.js";

// Every page's body differs, as in a real book: lines repeated at the edges are what we remove.
const WORDS = ["kernel", "mirror", "partition", "bootloader", "network", "firmware", "keyboard", "locale"];
const word = (page: number, shift: number) => WORDS[(page * 3 + shift) % WORDS.length] ?? "";
const body = (page: number) =>
  `The ${word(page, 0)} setup on this page differs from the ${word(page, 1)} one.\n` +
  `Section ${page} then ends with the ${word(page, 2)} step, number ${page * 7}.`;

function book(pageText: (page: number) => string, pages = 12, label?: (page: number) => string): PageTextForHeaders[] {
  return Array.from({ length: pages }, (_, index) => {
    const page = index + 1;
    const pageLabel = label?.(page);
    return { page, text: pageText(page), ...(pageLabel ? { label: pageLabel } : {}) };
  });
}

describe("removeRunningHeaders", () => {
  it("removes a book title repeated at the top and a page number at the bottom, keeping the body", () => {
    const pages = book((page) => `Debian GNU/Linux Installation Guide\n${body(page)}\n${page}`);
    const texts = removeRunningHeaders(pages);
    texts.forEach((text, index) => {
      expect(text).toBe(body(index + 1));
    });
  });

  it("removes 'Page N of M' footers and roman page labels of the front matter", () => {
    const pages = book(
      (page) => `${body(page)}\n${page <= 4 ? ["i", "ii", "iii", "iv"][page - 1] : `Page ${page - 4} of 8`}`,
      12,
      (page) => (page <= 4 ? (["i", "ii", "iii", "iv"][page - 1] ?? "") : String(page - 4)),
    );
    expect(removeRunningHeaders(pages)).toEqual(pages.map((page) => body(page.page)));
  });

  it("removes a chapter's running head that repeats with the page number inside it", () => {
    const pages = book((page) => `Chapter ${page < 7 ? 4 : 5}: Booting the System ${page + 190}\n${body(page)}`);
    expect(removeRunningHeaders(pages)).toEqual(pages.map((page) => body(page.page)));
  });

  it("removes the header only from the edge: the same words inside the page stay", () => {
    const [first, second] = [(page: number) => body(page).split("\n")[0], (page: number) => body(page).split("\n")[1]];
    const pages = book((page) => `Fixture Handbook\n${first(page)}\nFixture Handbook\n${second(page)}`);
    expect(removeRunningHeaders(pages)[0]).toBe(`${first(1)}\nFixture Handbook\n${second(1)}`);
  });

  it("keeps a heading that opens one page only, and a line the caller says is a heading", () => {
    const pages = book((page) => (page === 5 ? `4.5.2 Copying an ISO hybrid image\n${body(page)}` : body(page)));
    expect(removeRunningHeaders(pages)[4]).toBe(`4.5.2 Copying an ISO hybrid image\n${body(5)}`);
    // "N Лекция N" opens several nearby pages, like a running head, but each one starts a lecture.
    const lectures = book((page) => `${page} Лекция ${page}\n${body(page)}`);
    expect(removeRunningHeaders(lectures).every((text) => /^\d+ Лекция \d+\n/.test(text))).toBe(false);
    const kept = removeRunningHeaders(lectures, { isHeading: (_page, line) => line.includes("Лекция") });
    kept.forEach((text, index) => {
      expect(text).toBe(`${index + 1} Лекция ${index + 1}\n${body(index + 1)}`);
    });
  });

  it("removes a line the caller knows to be a running head even when it appears once", () => {
    const pages = book((page) => (page === 3 ? `CHAPTER 5. BOOTING 5.4. TROUBLESHOOTING\n${body(page)}` : body(page)));
    const texts = removeRunningHeaders(pages, { isKnownHead: (_page, line) => line.startsWith("CHAPTER 5.") });
    expect(texts[2]).toBe(body(3));
  });

  it("leaves short documents alone except for lone page numbers", () => {
    const pages = book((page) => `Short Memo\n${body(page)}\n${page}`, 3);
    expect(removeRunningHeaders(pages)).toEqual(pages.map((page) => `Short Memo\n${body(page.page)}`));
  });

  it("never touches lines between the edges, nor a page of one line that is not a number", () => {
    const [first, second] = [(page: number) => body(page).split("\n")[0], (page: number) => body(page).split("\n")[1]];
    const pages = book((page) => (page === 2 ? "Only line" : `Title\n${first(page)}\nA\nB\n${second(page)}`));
    const texts = removeRunningHeaders(pages);
    expect(texts[1]).toBe("Only line");
    expect(texts[0]).toBe(`${first(1)}\nA\nB\n${second(1)}`);
  });
});

describe("isPageNumberLine", () => {
  it("knows the forms of a page number and uses the label when the page has one", () => {
    expect(isPageNumberLine("12", 12, undefined)).toBe(true);
    expect(isPageNumberLine("- 12 -", 12, undefined)).toBe(true);
    expect(isPageNumberLine("Page 12 of 300", 12, undefined)).toBe(true);
    expect(isPageNumberLine("Стр. 12", 12, undefined)).toBe(true);
    expect(isPageNumberLine("xii", 14, "xii")).toBe(true);
    expect(isPageNumberLine("14", 14, "xii")).toBe(false);
    expect(isPageNumberLine("12 apples", 12, undefined)).toBe(false);
  });
});
