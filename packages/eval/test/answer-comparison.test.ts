// The answer set by retrieval method (default, + RM3, + thesaurus): one row per method, the
// answerable figures from answers/all and the "no answer" one from no-answer/all.
import { describe, expect, it } from "vitest";
import { formatAnswerComparison } from "../src/answers/format-answer-table.js";

describe("answer set by retrieval method", () => {
  it("shows each method's answerable and unanswerable figures on one row", () => {
    const table = formatAnswerComparison([
      {
        method: "hybrid (default)",
        scores: {
          "answers/all": {
            questions: 51,
            answerContains: 0.765,
            sourceRecallAt5: 0.882,
            falseNoAnswer: 0.039,
            chapterCorrect: 0.667,
            firstChapterCorrect: 0.588,
          },
          "no-answer/all": { questions: 22, correctNoAnswer: 0.455 },
        },
      },
      { method: "hybrid + RM3", scores: { "answers/all": { questions: 51, answerContains: 0.804 } } },
    ]);
    const [header, , first, second] = table.split("\n");
    expect(header).toMatch(/^retrieval\s+\| contains/);
    expect(first).toMatch(
      /^hybrid \(default\)\s+\| 0\.765\s+\| 0\.882\s+\| 0\.039\s+\| 0\.667\s+\| 0\.588\s+\| 0\.455/,
    );
    expect(second).toMatch(/^hybrid \+ RM3\s+\| 0\.804\s+\|\s+-\s+\|/);
  });
});
