// A misspelt question word the library does not hold is read as the library's closest term,
// on a real generation (FTS5 vocabulary), so a typo no longer loses the passage.
import { afterEach, describe, expect, it } from "vitest";
import { closestKnownTerm, type VocabularyTerm } from "../../src/index/keyword/spelling-variants.js";
import type { LiveLibrary } from "../../src/retrieval/index.js";
import { libraryOfBooks, type TestBook } from "./text-library.js";

const libraries: LiveLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.close();
});

// The traps share the question's correctly spelt words, more often than the target does.
const books: TestBook[] = [
  { title: "india", chunks: ["In 1930 Gandhi led the salt march to Dandi, walking for twenty-four days."] },
  { title: "army", chunks: ["The army's march was long: march after march, they walked and walked to the sea."] },
  { title: "libraries", chunks: ["Городская библиотека открыта с утра: в библиотеке читальный зал и абонемент."] },
  { title: "shops", chunks: ["Где купить хлеб? Где купить молоко? Где найти рынок, где открыта лавка?"] },
  { title: "years", chunks: ["The treaty was signed in 1856 after the long war."] },
];

async function openLibrary() {
  const library = await libraryOfBooks(books, { mode: "keyword" });
  libraries.push(library);
  return library;
}

const firstTitle = async (library: LiveLibrary, question: string) =>
  (await library.search(question, 2)).passages[0]?.title;

describe("misspelt question words", () => {
  it("finds the passage through the library's closest spelling, in English and Russian", async () => {
    const library = await openLibrary();
    expect(await firstTitle(library, "Where did Ghandi march and walk?")).toBe("india");
    expect(await firstTitle(library, "Где открыта библеотека?")).toBe("libraries");
  });

  it("leaves words the library holds, numbers and far-off words as they are", async () => {
    const library = await openLibrary();
    const generation = library.current();
    expect(generation).toBeDefined();
    expect(generation?.knownTerms(["march", "ghandi", "1865", "zzyzx"])).toEqual(["march", "gandhi", "1865", "zzyzx"]);
  });

  it("takes fewer edits first, then the more frequent term, and leaves short words alone", () => {
    const vocabulary: VocabularyTerm[] = [
      { term: "harbour", chunks: 3 },
      { term: "harbor", chunks: 40 },
      { term: "seaborne", chunks: 2 },
      { term: "sea", chunks: 500 },
    ];
    const lookup = (first: string, lengths: { min: number; max: number }) =>
      vocabulary.filter(
        ({ term }) => term.startsWith(first) && term.length >= lengths.min && term.length <= lengths.max,
      );
    // One edit from harbour only, though harbor is commoner.
    expect(closestKnownTerm("harbout", lookup)).toBe("harbour");
    // One edit from both (a swapped pair; a dropped letter): the commoner one wins.
    expect(closestKnownTerm("harbuor", lookup)).toBe("harbor");
    // Two edits are allowed from six letters on.
    expect(closestKnownTerm("sebaorn", lookup)).toBe("seaborne");
    expect(closestKnownTerm("seobrn", lookup)).toBeUndefined();
    // Five letters or fewer: too many words are one edit apart ("sea" is not "seb").
    expect(closestKnownTerm("harbr", lookup)).toBeUndefined();
    expect(closestKnownTerm("seb", lookup)).toBeUndefined();
  });
});
