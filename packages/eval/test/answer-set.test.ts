// The answer-level set's pure parts: the containment check the answers are scored with, the
// chapter-title comparison, the metrics per group, and the question file's schema.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Passage } from "@ai-library/shared/retrieval";
import { describe, expect, it } from "vitest";
import { answerContains, normaliseForContainment } from "../src/answers/answer-contains.js";
import { MIN_ANSWERABLE, MIN_UNANSWERABLE, parseAnswerQuestions } from "../src/answers/answer-questions.js";
import { planAnswerSet } from "../src/answers/answer-set-plan.js";
import {
  citedTitle,
  firstSourceOfBook,
  goldSourceOf,
  namesChapter,
  normaliseChapterTitle,
} from "../src/answers/cited-chapter.js";
import { type AnswerOutcome, isAnswerMiss, scoreAnswersByGroup } from "../src/answers/score-answers.js";

const questionFile = resolve(import.meta.dirname, "../data/answer-questions.json");

describe("answer containment", () => {
  it("finds a command inside Markdown fences, backticks and wrapped lines", () => {
    const answer = "Из книг библиотеки:\n«Сгенерируйте ключ:» [1]\n```\n$ gpg --gen-key\n```";
    expect(answerContains(answer, "gpg --gen-key", "code")).toBe(true);
    expect(
      answerContains("Run `dpkg-buildpackage\n  -us -uc` in the tree [2]", "dpkg-buildpackage -us -uc", "code"),
    ).toBe(true);
  });

  it("treats every kind of quote and Unicode dash alike", () => {
    expect(answerContains("“> source(”commands.R”)” [1]", 'source("commands.R")', "code")).toBe(true);
    expect(answerContains("title it «O: package — short description»", "O: package - short description", "code")).toBe(
      true,
    );
    expect(normaliseForContainment("a\u00ADb \u2013 c", "code")).toBe("ab - c");
  });

  it("ignores case for prose but keeps exact characters for code", () => {
    expect(answerContains("this means Fails To Build From Source.", "fails to build from source", "prose")).toBe(true);
    expect(answerContains("dpkg-buildpackage -b", "dpkg-buildpackage -B", "code")).toBe(false);
    expect(answerContains("Q()", "q()", "code")).toBe(false);
  });

  it("never counts an empty expectation as found", () => {
    expect(answerContains("anything", "```", "code")).toBe(false);
  });
});

describe("chapter of the first cited source", () => {
  it("compares titles without numbering, case, ё, quotes and dash kinds", () => {
    expect(normaliseChapterTitle("4.9.2. Утилита dak ls")).toBe("утилита dak ls");
    expect(namesChapter("2.5.2. Encryption – META-INF/encryption.xml", "Encryption - META-INF/encryption.xml")).toBe(
      true,
    );
    expect(namesChapter("Chapter 1. Loomings.", "Loomings")).toBe(true);
    expect(namesChapter("Единичная матрица и ее свойства", "Единичная матрица и её свойства")).toBe(true);
    expect(namesChapter("B", "B")).toBe(true);
    expect(namesChapter("Пакет pbuilder", "Команда debuild")).toBe(false);
    expect(namesChapter(undefined, "Пакет pbuilder")).toBe(false);
  });

  it("reads section before chapter, and only section for a PDF", () => {
    expect(citedTitle({ file: "a.epub", chapter: "Управление пакетами", section: "Загрузка пакета" })).toBe(
      "Загрузка пакета",
    );
    expect(citedTitle({ file: "a.epub", chapter: "Управление пакетами" })).toBe("Управление пакетами");
    expect(citedTitle({ file: "b.PDF", chapter: "Chapter 1" })).toBeUndefined();
    const sources = [{ file: "other.pdf" }, { file: "b.pdf", section: "Missing values" }];
    expect(firstSourceOfBook(sources, "b.pdf")?.section).toBe("Missing values");
  });

  it("judges the chapter on the cited source that holds the gold passage, not on the first one", () => {
    const passage = (text: string, section: string) =>
      ({ book: "b", bookId: "b", position: 0, title: "B", file: "b.pdf", text, section, score: 0.5 }) as Passage;
    const sources = [
      passage("Similar to initial porter uploads, invoke dpkg-buildpackage -B.", "Recompilation or binary-only NMU"),
      passage(
        "The way to invoke dpkg-buildpackage is as\ndpkg-buildpackage -B -m porter-email.",
        "Guidelines for porter uploads",
      ),
    ];
    const gold = goldSourceOf(sources, "b.pdf", "invoke dpkg-buildpackage is as dpkg-buildpackage -B -m porter-email");
    expect(gold?.section).toBe("Guidelines for porter uploads");
    expect(firstSourceOfBook(sources, "b.pdf")?.section).toBe("Recompilation or binary-only NMU");
    expect(goldSourceOf(sources, "other.pdf", "porter-email")).toBeUndefined();
    expect(goldSourceOf(sources, "b.pdf", "not cited anywhere")).toBeUndefined();
  });
});

const outcome = (overrides: Partial<AnswerOutcome>): AnswerOutcome => ({
  id: "q",
  lang: "en",
  answerable: true,
  question: "?",
  contains: true,
  sourceHit: true,
  notFound: false,
  chapterHit: true,
  firstChapterHit: true,
  answerText: "",
  ...overrides,
});

describe("answer metrics", () => {
  it("scores answerable and unanswerable groups per language, then overall", () => {
    const scores = scoreAnswersByGroup([
      outcome({ lang: "ru" }),
      outcome({ lang: "ru", contains: false, notFound: true, chapterHit: false, firstChapterHit: false }),
      outcome({ lang: "ru", chapterHit: true, firstChapterHit: false }),
      outcome({ lang: "en", sourceHit: false }),
      outcome({ lang: "en", answerable: false, notFound: true }),
      outcome({ lang: "en", answerable: false, notFound: false }),
    ]);
    expect(Object.keys(scores)).toEqual(["answers/ru", "answers/en", "no-answer/en", "answers/all", "no-answer/all"]);
    expect(scores["answers/ru"]).toEqual({
      questions: 3,
      answerContains: 2 / 3,
      sourceRecallAt5: 1,
      falseNoAnswer: 1 / 3,
      chapterCorrect: 2 / 3,
      firstChapterCorrect: 1 / 3,
    });
    expect(scores["answers/en"]?.sourceRecallAt5).toBe(0);
    expect(scores["no-answer/en"]).toEqual({ questions: 2, correctNoAnswer: 0.5 });
    expect(scores["answers/all"]?.answerContains).toBeCloseTo(3 / 4);
  });

  it("lists as misses the answers that failed any check and the unanswerable ones that were answered", () => {
    expect(isAnswerMiss(outcome({}))).toBe(false);
    expect(isAnswerMiss(outcome({ chapterHit: false }))).toBe(true);
    expect(isAnswerMiss(outcome({ answerable: false, notFound: true }))).toBe(false);
    expect(isAnswerMiss(outcome({ answerable: false, notFound: false }))).toBe(true);
  });
});

describe("the answer question file", () => {
  const json: unknown = JSON.parse(readFileSync(questionFile, "utf8"));

  it("has enough answerable and unanswerable questions in both languages, each fully specified", () => {
    const file = parseAnswerQuestions(json, questionFile);
    expect(file.answerable.length).toBeGreaterThanOrEqual(MIN_ANSWERABLE);
    expect(file.unanswerable.length).toBeGreaterThanOrEqual(MIN_UNANSWERABLE);
    for (const lang of ["ru", "en"] as const) {
      expect(file.answerable.filter((q) => q.lang === lang).length).toBeGreaterThanOrEqual(15);
      expect(file.unanswerable.filter((q) => q.lang === lang).length).toBeGreaterThanOrEqual(8);
    }
    const howTo = file.answerable.filter((q) => q.kind === "howto").length;
    expect(howTo / file.answerable.length).toBeGreaterThan(0.4);
  });

  it("rejects a question without expect, passage or chapter, duplicate ids and too few questions", () => {
    const file = parseAnswerQuestions(json, questionFile);
    const [first, second] = file.answerable;
    for (const field of ["expect", "passage", "chapter"] as const) {
      const broken = {
        ...file,
        answerable: file.answerable.map((q, i) => (i === 0 ? { ...q, [field]: undefined } : q)),
      };
      expect(() => parseAnswerQuestions(broken, "x.json")).toThrow(new RegExp(`answerable\\.0\\.${field}`));
    }
    const duplicate = { ...file, answerable: [...file.answerable, { ...second, id: first?.id }] };
    expect(() => parseAnswerQuestions(duplicate, "x.json")).toThrow(/duplicate question id/);
    const few = { ...file, answerable: file.answerable.slice(0, MIN_ANSWERABLE - 1) };
    expect(() => parseAnswerQuestions(few, "x.json")).toThrow(/answerable/);
    const fewUnanswerable = { ...file, unanswerable: file.unanswerable.slice(0, MIN_UNANSWERABLE - 1) };
    expect(() => parseAnswerQuestions(fewUnanswerable, "x.json")).toThrow(/unanswerable/);
  });

  it("places corpus books under books/ and leaves out questions about Debian books that are missing", () => {
    const file = parseAnswerQuestions(json, questionFile);
    const none = planAnswerSet(file, "/cache", new Set());
    expect(none.extraBooks).toEqual([]);
    expect(none.answerable.every((q) => q.file.startsWith("books/"))).toBe(true);
    expect(none.skipped).toBe(file.answerable.filter((q) => q.book.startsWith("debian/")).length);
    const all = planAnswerSet(file, "/cache", new Set(["R-intro.pdf"]));
    expect(all.extraBooks).toEqual([{ source: "/cache/R-intro.pdf", file: "debian/R-intro.pdf" }]);
    expect(all.answerable.find((q) => q.id === "r-quit")?.file).toBe("debian/R-intro.pdf");
  });
});
