// How a source is located in a citation: page labels as the reader's viewer shows them, the
// PDF outline section beside the page, chapter and section for EPUB/FB2/Markdown.
import type { Passage } from "@ai-library/shared/retrieval";
import { describe, expect, it } from "vitest";
import { locationOf } from "../../src/format/describe-source.js";
import { textsFor } from "../../src/i18n/index.js";

const ru = textsFor("ru");
const en = textsFor("en");
const base: Passage = { bookId: "b", title: "Маяк", file: "m.pdf", position: 0, text: "Огонь.", score: 1 };

describe("locationOf", () => {
  it("shows the page label when the PDF has one, and the number otherwise", () => {
    expect(locationOf({ ...base, page: 12 }, ru)).toBe("с. 12");
    expect(locationOf({ ...base, page: 12, pageLabel: "xii" }, ru)).toBe("с. xii");
    expect(locationOf({ ...base, page: 12, pageEnd: 14, pageLabel: "xii", pageLabelEnd: "xiv" }, en)).toBe(
      "pp. xii–xiv",
    );
  });

  it("adds the outline section to a page", () => {
    const passage = { ...base, page: 12, section: "4.3 Preparing the upload" };
    expect(locationOf(passage, ru)).toBe("с. 12, «4.3 Preparing the upload»");
    expect(locationOf(passage, en)).toBe("p. 12, “4.3 Preparing the upload”");
  });

  it("marks text recognised by OCR, in the reader's language", () => {
    expect(locationOf({ ...base, page: 7, ocr: true }, ru)).toBe("с. 7, распознано OCR");
    expect(locationOf({ ...base, page: 7, pageEnd: 8, ocr: true }, en)).toBe("pp. 7–8, OCR");
    expect(locationOf({ ...base, ocr: true }, ru)).toBe("распознано OCR");
  });

  it("names chapter and section for books without pages, the section only when it is another", () => {
    const passage = { ...base, file: "ref.epub", chapter: "Инструменты", section: "dpkg-dev" };
    expect(locationOf(passage, ru)).toBe("глава «Инструменты», «dpkg-dev»");
    expect(locationOf(passage, en)).toBe("chapter “Инструменты”, “dpkg-dev”");
    expect(locationOf({ ...passage, section: "Инструменты" }, ru)).toBe("глава «Инструменты»");
    const notes: Passage = { ...base, file: "notes.txt" };
    expect(locationOf(notes, ru)).toBeUndefined();
  });
});
