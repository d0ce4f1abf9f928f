// The attributes a passage carries into the LLM prompt: the page as the reader's viewer shows
// it (label when there is one) and the section beside the chapter.
import { describe, expect, it } from "vitest";
import { formatPassage } from "../../src/answer/openai-prompt.js";
import type { Passage } from "../../src/retrieval/types.js";

const base: Passage = { bookId: "b", title: "Manual", file: "m.pdf", position: 0, text: "Run dput.", score: 1 };

describe("formatPassage", () => {
  it("gives page labels and the section", () => {
    expect(formatPassage({ ...base, page: 12, pageEnd: 13, pageLabel: "xii", pageLabelEnd: "xiii" }, 1)).toContain(
      'page="xii-xiii"',
    );
    expect(formatPassage({ ...base, page: 12, pageEnd: 13 }, 1)).toContain('page="12-13"');
    expect(formatPassage({ ...base, chapter: "Tools", section: "dpkg-dev" }, 2)).toContain(
      '<passage n="2" book="Manual" chapter="Tools" section="dpkg-dev">',
    );
  });
});
