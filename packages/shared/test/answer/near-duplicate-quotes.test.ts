// A library that holds one text twice (README.md and its PDF rendering) must not make the
// extractive answer quote the same sentence twice: the PDF copy differs only in case,
// punctuation, line-end hyphenation and a page header, and is dropped in favour of the
// better-scored copy. Different sentences that share many words are still both quoted.
import { describe, expect, it } from "vitest";
import { createExtractiveAnswerer } from "../../src/answer/extractive-answerer.js";
import { comparableWords, isNearDuplicate } from "../../src/answer/near-duplicates.js";
import { passage } from "./passages.js";

const answerer = createExtractiveAnswerer();

const readme = passage(
  "Each ingest builds a new, versioned index generation in a temp directory and publishes it by " +
    "atomically replacing the LIVE pointer. The bot only answers questions.",
  { title: "ai_library_bot", file: "README.md", page: undefined, chapter: "English", score: 0.24 },
);
const pdf = passage(
  "12 AI_LIBRARY_BOT DOCS each ingest builds a new versioned index gene-\nration in a temp directory, and " +
    "publishes it by atomically replacing the “LIVE” pointer! Readers never see a half-written index.",
  { title: "ai_library_bot docs", file: "docs.pdf", page: 12, score: 0.19 },
);

describe("near-duplicate quotes", () => {
  it("quotes a sentence found in two renderings of the same text once, from the better-scored passage", async () => {
    const answer = await answerer.answer("Why is the index generation published atomically?", [readme, pdf], {
      language: "en",
    });
    expect(answer.notFound).toBe(false);
    expect(answer.text.match(/atomically replacing/g)).toHaveLength(1);
    expect(answer.text).toContain("publishes it by atomically replacing the LIVE pointer.” [1]");
    expect(answer.sources).toEqual([readme]);
  });

  it("still quotes two different sentences that share most of their words", async () => {
    const lamps = passage(
      "The keeper lit the lamp at eight o'clock every evening of the winter. " +
        "The keeper lit the lamp at six o'clock every evening of the summer.",
      { title: "Lighthouse" },
    );
    const answer = await answerer.answer("At what o'clock was the lamp lit by the keeper?", [lamps], {
      language: "en",
    });
    expect(answer.text).toContain("lit the lamp at eight");
    expect(answer.text).toContain("lit the lamp at six");
  });

  it("compares words regardless of case, ё, punctuation and hyphenation", () => {
    expect(comparableWords("Ёлка — e-mail, библио-\nтека!")).toEqual(["елка", "email", "библиотека"]);
    expect(isNearDuplicate(comparableWords("A b c d e f."), comparableWords("Page 3. a B c, d e f"))).toBe(true);
    expect(isNearDuplicate(comparableWords("one two three"), comparableWords("zero one two three four"))).toBe(false);
  });
});
