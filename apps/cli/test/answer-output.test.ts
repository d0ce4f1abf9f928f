// How `ask` names its sources: in the terminal (page labels, chapter › section) and in --json.
import type { Passage } from "@ai-library/shared/retrieval";
import { describe, expect, it } from "vitest";
import { citation, toAskJson } from "../src/output/answer-output.js";

const base: Passage = { bookId: "b", title: "Manual", file: "manual.pdf", position: 0, text: "Run dput.", score: 0.5 };

describe("ask output", () => {
  it("cites pages by their label with the number beside it, and the section", () => {
    expect(citation({ ...base, page: 12 }, "ru")).toBe("Manual, с. 12");
    expect(citation({ ...base, page: 12, pageLabel: "xii" }, "en")).toBe("Manual, p. xii (12)");
    expect(
      citation({ ...base, page: 12, pageEnd: 13, pageLabel: "xii", section: "4.3 Preparing the upload" }, "ru"),
    ).toBe("Manual, с. xii–13 (12–13), «4.3 Preparing the upload»");
  });

  it("marks passages recognised by OCR in the citation and in --json", () => {
    expect(citation({ ...base, page: 7, ocr: true }, "ru")).toBe("Manual, с. 7, распознано OCR");
    expect(citation({ ...base, page: 7, ocr: true }, "en")).toBe("Manual, p. 7, OCR");
    const answer = {
      text: "x [1]",
      sources: [{ ...base, page: 7, ocr: true as const }],
      notFound: false,
      language: "ru" as const,
    };
    expect(toAskJson(answer).sources[0]).toMatchObject({ page: 7, ocr: true });
    expect(toAskJson({ ...answer, sources: [{ ...base, page: 7 }] }).sources[0]).not.toHaveProperty("ocr");
  });

  it("cites chapter › section for books without pages, and the file when there is neither", () => {
    expect(citation({ ...base, file: "ref.epub", chapter: "Инструменты", section: "dpkg-dev" }, "ru")).toBe(
      "Manual, «Инструменты › dpkg-dev»",
    );
    expect(citation({ ...base, file: "notes.txt" }, "ru")).toBe("Manual, notes.txt");
  });

  it("puts section and page labels into --json only where known", () => {
    const sources = toAskJson({
      text: "Run dput [1][2].",
      notFound: false,
      sources: [
        { ...base, page: 3, pageEnd: 4, pageLabel: "iii", pageLabelEnd: "iv", section: "Preface" },
        { ...base, file: "ref.epub", chapter: "Tools" },
      ],
      language: "en",
    }).sources;
    expect(sources[0]).toMatchObject({ page: 3, pageEnd: 4, pageLabel: "iii", pageLabelEnd: "iv", section: "Preface" });
    expect(sources[1]).not.toHaveProperty("section");
    expect(sources[1]).not.toHaveProperty("pageLabel");
  });

  it("keeps every retrieved passage in --json: cited first, then the ones the answer did not quote", () => {
    const quoted = { ...base, page: 7, text: "Run dput." };
    const other = { ...base, page: 9, text: "Uploads go to ftp-master." };
    const json = toAskJson(
      {
        text: "Прямого ответа нет… «Run dput.» [1]",
        notFound: false,
        closestOnly: true,
        sources: [quoted],
        language: "ru",
      },
      [other, quoted],
    );
    expect(json.closestOnly).toBe(true);
    expect(json.sources.map((source) => [source.page, source.cited])).toEqual([
      [7, true],
      [9, false],
    ]);
  });
});
