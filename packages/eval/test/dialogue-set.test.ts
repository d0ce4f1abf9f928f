// The dialogue set of `pnpm eval --dialogues`: its file is valid and large enough, its books are
// placed as the answer set's, and — over a real library ingested from a corpus book — the
// check refuses a dialogue whose expected text, passage or chapter the book does not hold, a
// dialogue is played through the bot's follow-up reading, and the scores count it.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openIndexStore } from "@ai-library/shared/index";
import { closeLogger } from "@ai-library/shared/logging";
import { createLiveLibrary, retrievalSettingsFromConfig } from "@ai-library/shared/retrieval";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialogueBookProblems, type PlacedDialogue } from "../src/dialogues/check-dialogue-books.js";
import { halfOf, MIN_FOLLOW_UPS, MIN_TOPIC_CHANGES, parseDialogues } from "../src/dialogues/dialogue-questions.js";
import { planDialogueSet } from "../src/dialogues/plan-dialogue-set.js";
import { playDialogue } from "../src/dialogues/play-dialogue.js";
import { scoreDialoguesByGroup } from "../src/dialogues/score-dialogues.js";
import { buildEvalLibrary } from "../src/library/build-eval-library.js";
import { type EvalWorkspace, openEvalWorkspace } from "../src/library/eval-workspace.js";
import { SEARCH_K } from "../src/methods.js";
import { describeCommand, parseEvalOptions } from "../src/options.js";

const dialogueFile = resolve(import.meta.dirname, "../data/dialogue-questions.json");
const corpus = resolve(import.meta.dirname, "../../../../shared/corpus");
const ALL_DEBIAN = new Set(["R-intro.pdf", "devref-en.epub", "devref-ru.epub", "install.en.pdf", "maint-guide.ru.pdf"]);

describe("the dialogue file", () => {
  const json: unknown = JSON.parse(readFileSync(dialogueFile, "utf8"));

  it("holds enough follow-ups and topic changes, in both languages, some of three turns", () => {
    const set = parseDialogues(json, dialogueFile);
    expect(set.followUps.length).toBeGreaterThanOrEqual(MIN_FOLLOW_UPS);
    expect(set.topicChanges.length).toBeGreaterThanOrEqual(MIN_TOPIC_CHANGES);
    for (const lang of ["ru", "en"] as const) {
      expect(set.followUps.filter((dialogue) => dialogue.lang === lang).length).toBeGreaterThanOrEqual(12);
      expect(set.topicChanges.filter((dialogue) => dialogue.lang === lang).length).toBeGreaterThanOrEqual(8);
    }
    expect(set.followUps.some((dialogue) => dialogue.turns.length === 3)).toBe(true);
  });

  it("rejects one-turn and four-turn dialogues, a missing passage, duplicate ids and too few dialogues", () => {
    const set = parseDialogues(json, dialogueFile);
    const [first, second] = set.followUps;
    const withFirst = (change: object) => ({
      ...set,
      followUps: set.followUps.map((dialogue, i) => (i === 0 ? { ...dialogue, ...change } : dialogue)),
    });
    expect(() => parseDialogues(withFirst({ turns: ["Одна реплика?"] }), "x.json")).toThrow(/followUps\.0\.turns/);
    expect(() => parseDialogues(withFirst({ turns: ["a?", "b?", "c?", "d?"] }), "x.json")).toThrow(/turns/);
    expect(() => parseDialogues(withFirst({ passage: undefined }), "x.json")).toThrow(/followUps\.0\.passage/);
    expect(() => parseDialogues(withFirst({ standalone: undefined }), "x.json")).toThrow(
      /followUps\.0\.standalone: a follow-up needs its standalone question/,
    );
    const duplicate = { ...set, topicChanges: [...set.topicChanges, { ...second, id: first?.id }] };
    expect(() => parseDialogues(duplicate, "x.json")).toThrow(/duplicate dialogue id/);
    const few = { ...set, topicChanges: set.topicChanges.slice(0, MIN_TOPIC_CHANGES - 1) };
    expect(() => parseDialogues(few, "x.json")).toThrow(/topicChanges/);
  });

  it("places corpus and Debian books as the answer set does, and leaves out dialogues whose book is missing", () => {
    const set = parseDialogues(json, dialogueFile);
    const all = planDialogueSet(set, "/cache", ALL_DEBIAN);
    expect(all.skipped).toBe(0);
    expect(all.corpusBooks).toContain("epub/TaeKim_RU.epub");
    expect(all.followUps.find((dialogue) => dialogue.id === "katakana-use-ru")?.file).toBe("books/TaeKim_RU.epub");
    expect(all.extraBooks).toContainEqual({ source: "/cache/devref-en.epub", file: "debian/devref-en.epub" });
    const none = planDialogueSet(set, "/cache", new Set());
    expect(none.extraBooks).toEqual([]);
    expect(none.skipped).toBe(
      [...set.followUps, ...set.topicChanges].filter((dialogue) => dialogue.book.startsWith("debian/")).length,
    );
  });

  it("splits each list into a tuning and a held-out half", () => {
    expect([0, 1, 2, 3].map(halfOf)).toEqual(["tuning", "held-out", "tuning", "held-out"]);
  });
});

describe("dialogues over a real library", () => {
  let dir: string;
  let workspace: EvalWorkspace;
  const fbreader = (overrides: Partial<PlacedDialogue>): PlacedDialogue => ({
    id: "fbreader-formats",
    lang: "ru",
    book: "epub/fb-intro-ru.epub",
    file: "books/fb-intro-ru.epub",
    turns: ["Что такое FBReader?", "Какие форматы книг он понимает?"],
    expect: "ePub, fb2, mobi",
    match: "prose",
    passage: "Если у вас есть книги в виде файлов ePub, fb2, mobi",
    chapter: "FBReader: краткое руководство",
    ...overrides,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "eval-dialogues-"));
    workspace = openEvalWorkspace(dir);
    const { config, logger, embedder } = workspace;
    await buildEvalLibrary({
      corpus,
      config,
      logger,
      embedder,
      articles: { en: [], ru: [] },
      books: ["epub/fb-intro-ru.epub", "epub/se_ambrose-bierce_the-devils-dictionary.epub"],
    });
    // Parsing runs in child processes: on a loaded machine this takes longer than a hook's default.
  }, 120_000);

  afterAll(async () => {
    workspace.embedder.close();
    await closeLogger(workspace.logger);
    rmSync(dir, { recursive: true, force: true });
  });

  it("checks every last turn against the book as parsed, and plays and scores a follow-up", async () => {
    const { config, logger, embedder } = workspace;
    const store = openIndexStore(config.INDEX_DIR);
    const library = createLiveLibrary({ store, embedder, logger, retrieval: retrievalSettingsFromConfig(config) });
    try {
      await library.reloadIfChanged();
      const generation = library.current();
      if (!generation) throw new Error("no generation");
      expect(dialogueBookProblems(generation, [fbreader({})])).toEqual([]);
      const problems = dialogueBookProblems(generation, [
        fbreader({ id: "no-passage", passage: "FBReader читает свитки папируса" }),
        fbreader({ id: "no-expect", expect: "djvu, cbz" }),
        fbreader({ id: "no-chapter", chapter: "Популярные книги" }),
        fbreader({ id: "no-book", file: "books/missing.epub" }),
      ]);
      expect(problems).toEqual([
        expect.stringMatching(/^no-passage: the passage «FBReader читает свитки папируса» is in no chunk/),
        expect.stringMatching(/^no-expect: «djvu, cbz» is not in the chunk holding the passage/),
        expect.stringMatching(
          /^no-chapter: the passage is cited as «FBReader: краткое руководство», not «Популярные книги»/,
        ),
        "no-book: the book books/missing.epub is not in the library",
      ]);

      const search = async (question: string, options: Parameters<typeof library.search>[2]) =>
        (await library.search(question, SEARCH_K, options)).passages;
      const followUp = await playDialogue(
        search,
        {
          id: "devil-patience",
          lang: "en",
          book: "epub/se_ambrose-bierce_the-devils-dictionary.epub",
          file: "books/se_ambrose-bierce_the-devils-dictionary.epub",
          turns: ["How does the Devil's Dictionary define a bore?", "And patience?"],
          standalone: "What is patience according to the Devil's Dictionary?",
          expect: "A minor form of despair, disguised as a virtue",
          match: "prose",
          passage: "A minor form of despair, disguised as a virtue",
          chapter: "P",
        },
        { kind: "follow-up", half: "tuning" },
      );
      expect(followUp.context).toBe("Devil Dictionary define bore");
      expect(followUp.withMemory).toMatchObject({ contains: true, sourceHit: true });
      expect(followUp.lastTurn).toBe("And patience?");
      expect(followUp.standalone).toMatchObject({ contains: true, sourceHit: true });
      const topicChange = await playDialogue(
        search,
        {
          id: "fbreader-then-bore",
          lang: "en",
          book: "epub/se_ambrose-bierce_the-devils-dictionary.epub",
          file: "books/se_ambrose-bierce_the-devils-dictionary.epub",
          turns: ["Что такое FBReader?", "How does the Devil's Dictionary define a bore?"],
          expect: "A person who talks when you wish him to listen",
          match: "prose",
          passage: "A person who talks when you wish him to listen",
          chapter: "B",
        },
        { kind: "topic change", half: "held-out" },
      );
      expect(topicChange.context).toBeUndefined();
      expect(topicChange.standalone).toBeUndefined();
      expect(topicChange.withMemory.contains).toBe(true);
      const scores = scoreDialoguesByGroup([followUp, topicChange]);
      expect(Object.keys(scores)).toEqual([
        "follow-ups/all",
        "follow-ups/en",
        "follow-ups/tuning",
        "topic changes/all",
        "topic changes/en",
        "topic changes/held-out",
      ]);
      expect(scores["follow-ups/all"]).toMatchObject({
        dialogues: 1,
        containsAlone: followUp.alone.contains ? 1 : 0,
        containsWithMemory: 1,
        recallAt5WithMemory: 1,
        usedContext: 1,
        containsStandalone: 1,
      });
      expect(scores["topic changes/all"]?.containsStandalone).toBeUndefined();
      expect(scores["topic changes/all"]?.usedContext).toBe(0);
    } finally {
      library.close();
    }
  });
});

describe("pnpm eval --dialogues options", () => {
  it("writes eval-dialogues.json by default, names the flag in the command, and refuses flags that do not go with it", () => {
    const options = parseEvalOptions(["--dialogues", "--json"], "/repo");
    expect(options).toMatchObject({ dialogues: true, json: true, answersOnly: false });
    expect(options.out).toBe("/repo/bench-results/eval-dialogues.json");
    expect(describeCommand(options)).toBe("pnpm eval --dialogues");
    expect(() => parseEvalOptions(["--dialogues", "--answers-only"], "/repo")).toThrow(
      /--dialogues runs the dialogue set alone/,
    );
    expect(() => parseEvalOptions(["--json"], "/repo")).toThrow(/use it with --dialogues/);
  });
});
