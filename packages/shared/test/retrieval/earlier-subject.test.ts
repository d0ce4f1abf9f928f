// A follow-up that points back with a pronoun ("Which command builds one?" after "What is a
// porter upload?") is searched with the earlier subject — the context word the library holds
// least often — at a question word's weight: the passage about that subject comes before one
// that only repeats the question's own common words.
import { afterEach, describe, expect, it } from "vitest";
import { withEarlierSubject } from "../../src/retrieval/earlier-subject.js";
import type { LiveLibrary } from "../../src/retrieval/index.js";
import { libraryOfBooks, type TestBook } from "./text-library.js";

const libraries: LiveLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.close();
});

const books: TestBook[] = [
  {
    title: "developers-reference",
    chunks: [
      "A porter upload changes nothing in the source package. Invoke dpkg-buildpackage -B -m porter-email: it builds only the architecture-dependent packages.",
      "Uploads to the archive pass through the upload queue before they are installed.",
      "An upload that is rejected is mailed back to the maintainer who signed the upload.",
      "Delayed uploads wait in the queue for the number of days given.",
    ],
  },
  {
    title: "r-installation",
    chunks: [
      "Building R: make builds it from its sources, and the build log is sent as an upload to the developers.",
      "R keeps its packages in a library directory chosen at installation.",
      "Each command of the installer is described in the manual.",
    ],
  },
];

const question = "Which command builds one?";
const context = { text: "porter upload", weight: 1 / Math.sqrt(2) };

async function firstTitle(subjectWeight?: number): Promise<string | undefined> {
  const library = await libraryOfBooks(books);
  libraries.push(library);
  const options = { context: { ...context, ...(subjectWeight !== undefined ? { subjectWeight } : {}) } };
  return (await library.search(question, 3, options)).passages[0]?.title;
}

describe("the earlier subject of a follow-up that points back", () => {
  it("splits the context query: its rarest known term at the subject weight, the others at the context weight", () => {
    const idf = new Map([
      ["porter", 2.1],
      ["upload", 0.4],
    ]);
    const known = (terms: readonly string[]) =>
      new Map(terms.flatMap((t) => (idf.has(t) ? [[t, idf.get(t) ?? 0]] : [])));
    expect(withEarlierSubject([{ terms: ["porter", "upload"], weight: 0.7, subjectWeight: 1 }], known)).toEqual([
      { terms: ["porter"], weight: 1 },
      { terms: ["upload"], weight: 0.7 },
    ]);
    // No subject weight, or one no greater than the query's, or no known term: the query as it was.
    expect(withEarlierSubject([{ terms: ["porter", "upload"], weight: 0.7 }], known)).toEqual([
      { terms: ["porter", "upload"], weight: 0.7 },
    ]);
    expect(withEarlierSubject([{ terms: ["porter"], weight: 1, subjectWeight: 1 }], known)).toEqual([
      { terms: ["porter"], weight: 1 },
    ]);
    expect(withEarlierSubject([{ terms: ["kanji"], weight: 0.5, subjectWeight: 1 }], known)).toEqual([
      { terms: ["kanji"], weight: 0.5 },
    ]);
  });

  it("finds the passage about the earlier subject, not the one that repeats the question's common words", async () => {
    expect(await firstTitle()).toBe("r-installation");
    expect(await firstTitle(1)).toBe("developers-reference");
  });
});
