// «Подробнее»: the section around a cited chunk, read from a real published generation — the
// chunks of that section in reading order, overlap written once, cut at a budget (and then
// marked as not whole), nothing from the next section or another book.
import { afterEach, describe, expect, it } from "vitest";
import { createLiveLibrary, type LiveLibrary } from "../../src/retrieval/index.js";
import { captureLogger } from "./capture-logger.js";
import { chunksOf, localEmbedder, publishBooks, type TestBook, tempStore } from "./text-library.js";

const libraries: LiveLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.close();
});

const manual: TestBook = {
  title: "Manual",
  firstPage: 1,
  sections: ["Installing", "Installing", "Configuring", "Configuring", "Configuring", "Upgrading"],
  chunks: [
    "Download the package from the mirror.",
    "Install it with dpkg -i and check the version.",
    "The configuration lives in /etc/manual.conf. Open it in an editor",
    "Open it in an editor and set the port to 8080, then save the file.",
    "Restart the service with systemctl restart manual to apply the change.",
    "Before upgrading, back up /etc/manual.conf.",
  ],
};
const cookbook: TestBook = { title: "Cookbook", chunks: ["Bake the bread for forty minutes."] };

async function openLibrary(): Promise<LiveLibrary> {
  const store = tempStore();
  await publishBooks(store, localEmbedder(), [cookbook, manual]);
  const library = createLiveLibrary({ store, embedder: localEmbedder(), logger: captureLogger().logger });
  libraries.push(library);
  await library.reloadIfChanged();
  return library;
}

const manualId = chunksOf(manual)[0]?.bookId ?? "";

describe("sectionAround", () => {
  it("gives the whole section of the cited chunk, in reading order, overlap once, and nothing beyond it", async () => {
    const library = await openLibrary();
    const section = await library.sectionAround(manualId, 3, 5000);
    expect(section?.whole).toBe(true);
    expect(section?.passage).toMatchObject({ title: "Manual", section: "Configuring", page: 3, pageEnd: 5 });
    const text = section?.passage.text ?? "";
    expect(text).toMatch(/^The configuration lives in \/etc\/manual\.conf\./);
    expect(text).toContain("set the port to 8080");
    expect(text).toMatch(/systemctl restart manual to apply the change\.$/);
    expect(text.match(/Open it in an editor/g)).toHaveLength(1);
    expect(text).not.toContain("dpkg -i");
    expect(text).not.toContain("back up");
  });

  it("stops at the budget, keeps the cited chunk and reads on forward first, and says it is not whole", async () => {
    const library = await openLibrary();
    const section = await library.sectionAround(manualId, 3, 140);
    expect(section?.whole).toBe(false);
    const text = section?.passage.text ?? "";
    expect(text.length).toBeLessThanOrEqual(140);
    expect(text).toContain("set the port to 8080");
    expect(text).toContain("systemctl restart manual");
  });

  it("is undefined for a book the generation does not hold or a position past its end", async () => {
    const library = await openLibrary();
    expect(await library.sectionAround("0".repeat(64), 0, 5000)).toBeUndefined();
    expect(await library.sectionAround(manualId, 6, 5000)).toBeUndefined();
  });
});
