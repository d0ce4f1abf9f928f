// Issue 22: a generation derived from the live one (books carried over, removed books deleted,
// new books appended) must answer exactly like a generation built from scratch out of the same
// books: same passages with the same scores for every question, same keyword statistics, and
// `index check` passes. Real books (two EPUBs of the shared corpus and written files), the real
// inline ingest, real FAISS and SQLite.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { MAX_SEGMENTS } from "../../src/index/generation/generation-base.js";
import {
  bookPostings,
  compactLiveGeneration,
  type IndexStore,
  keywordTerms,
  type LoadedGeneration,
  labelLayout,
  openIndexStore,
  readManifest,
  type ScoredLabel,
  segmentsOf,
  verifyGeneration,
} from "../../src/index/index.js";
import { KEYWORD_FILE } from "../../src/index/keyword/postings-file.js";
import { ingestSettingsFromConfig, runIngest } from "../../src/pipeline/index.js";
import { createLiveLibrary, DEFAULT_RETRIEVAL_SETTINGS } from "../../src/retrieval/index.js";
import { captureLogger } from "../retrieval/capture-logger.js";
import { localEmbedder } from "../retrieval/text-library.js";

const CORPUS = resolve(import.meta.dirname, "../../../../../shared/corpus");
const root = mkdtempSync(join(tmpdir(), "derived-generation-"));
const books = join(root, "books");
const settings = ingestSettingsFromConfig(parseConfig({ CHUNK_SIZE: "400", CHUNK_OVERLAP: "40" }));
const embedder = localEmbedder();

/** Keyword and vector candidates compared per question. */
const CANDIDATES = 15;
/** Passages of a search answer compared per question. */
const PASSAGES = 8;

const QUESTIONS = [
  "Who lights the lighthouse lamp at dusk?",
  "What did the children read in the garden?",
  "Как устроена электронная книга?",
  "honey bees linden",
  "ship harbour storm",
  "publication metadata package document",
];

function writeBook(name: string, topic: string, paragraphs: number): void {
  const text = Array.from(
    { length: paragraphs },
    (_, n) =>
      `${topic}, part ${n}: the keeper climbed the tower and lit the lamp; bees worked the linden trees; ` +
      `a ship waited in the harbour for the storm to pass, and the ${topic.toLowerCase()} went on (${n * 7}).`,
  ).join("\n\n");
  writeFileSync(join(books, name), `# ${topic}\n\n${text}\n`);
}

async function ingest(store: IndexStore, full = false) {
  const logger = captureLogger();
  const report = await runIngest({ settings, logger: logger.logger, embedder, store }, { folder: books, full });
  expect(report.published).toBe(true);
  return { report, lines: logger.lines() };
}

/**
 * A search answer as what a user sees: book, place, text and score, not labels. Passages with
 * equal scores come in label order, and a fold orders books by segment where a fresh build takes
 * them as they finish: equal scores are compared sorted by book and place, and which of several
 * tied at the last place make the cut (labels again) by score only, as in `candidates`.
 */
async function answers(store: IndexStore) {
  const library = createLiveLibrary({
    store,
    embedder,
    logger: captureLogger().logger,
    retrieval: DEFAULT_RETRIEVAL_SETTINGS,
  });
  await library.reloadIfChanged();
  try {
    const out: unknown[] = [];
    for (const question of QUESTIONS) {
      const { passages } = await library.search(question, PASSAGES);
      const scored = passages.map((passage) => ({ ...passage, score: Number(passage.score.toFixed(6)) }));
      const cutOff = scored.length === PASSAGES ? scored.at(-1)?.score : undefined;
      out.push(
        scored
          .sort((a, b) => b.score - a.score || `${a.file}#${a.position}`.localeCompare(`${b.file}#${b.position}`))
          .map((passage) => (passage.score === cutOff ? `(tied at the cut-off)@${passage.score}` : passage)),
      );
    }
    return out;
  } finally {
    library.close();
  }
}

/** Keyword and vector candidates named by book and position, with the keyword statistics. */
async function candidates(store: IndexStore) {
  const generation: LoadedGeneration = await store.openLive();
  try {
    // Equal scores are ordered by label, and labels differ between the two builds: compare each
    // hit as book#position@score, in score order, equal scores by name.
    // Which of several chunks tied at the cut-off make the top 15 follows their labels too: those
    // are compared by score only.
    const ranked = (hits: ScoredLabel[], digits: number) => {
      const chunks = generation.chunksByLabel(hits.map((hit) => hit.label));
      const cutOff = hits.length === CANDIDATES ? hits.at(-1)?.score.toFixed(digits) : undefined;
      return hits
        .map((hit) => ({
          name: `${chunks.get(hit.label)?.bookId.slice(0, 8)}#${chunks.get(hit.label)?.position}`,
          score: hit.score.toFixed(digits),
        }))
        .sort((a, b) => Number(b.score) - Number(a.score) || a.name.localeCompare(b.name))
        .map((hit) => (hit.score === cutOff ? `(tied at the cut-off)@${hit.score}` : `${hit.name}@${hit.score}`));
    };
    return await Promise.all(
      QUESTIONS.map(async (question) => {
        const terms = keywordTerms(question);
        const [query] = await embedder.embedDocuments([question]);
        const keyword = generation.keywordCandidates(terms, CANDIDATES);
        const vector = generation.vectorCandidates(query as Float32Array, CANDIDATES);
        return {
          keyword: ranked(keyword, 9),
          vector: ranked(vector, 6),
          weights: [...generation.termWeights(terms)],
          known: generation.knownTerms([...terms, "lighthuose"]),
        };
      }),
    );
  } finally {
    generation.close();
  }
}

async function fullBuildAnswers() {
  const fresh = openIndexStore(join(mkdtempSync(join(root, "fresh-")), "index"));
  const { lines } = await ingest(fresh);
  expect(lines.join("\n")).not.toMatch(/derivedFrom/);
  return { answers: await answers(fresh), candidates: await candidates(fresh) };
}

function liveManifest(store: IndexStore) {
  const read = readManifest(store.generationDir(store.liveId() ?? "none"));
  if (!read.ok) throw new Error(read.fault);
  return read.manifest;
}

beforeAll(() => {
  mkdirSync(books);
  copyFileSync(join(CORPUS, "epub/idpf_childrens-literature.epub"), join(books, "childrens.epub"));
  copyFileSync(join(CORPUS, "epub/fb-intro-ru.epub"), join(books, "fb-intro.epub"));
  writeBook("lighthouse.md", "Lighthouse", 12);
  writeBook("bees.txt", "Linden honey", 8);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a generation derived from the live one", () => {
  const store = openIndexStore(join(root, "index"));

  it("answers like a full build after books are added, removed and renamed", async () => {
    await ingest(store);
    const first = liveManifest(store);
    rmSync(join(books, "fb-intro.epub"));
    // An EPUB takes its title from its metadata; a TXT's title is its file name, so a renamed TXT
    // carried over keeps the old title where a parse from scratch takes the new one (as before).
    renameSync(join(books, "childrens.epub"), join(books, "kids.epub"));
    writeBook("harbour.md", "Harbour storm", 9);
    const { lines } = await ingest(store);
    expect(lines.join("\n")).toMatch(new RegExp(`derivedFrom.*${first.id}`));
    const manifest = liveManifest(store);
    // The removed book left a gap: labels no longer equal rows, which is what derivation means here.
    expect(labelLayout(manifest.books).identity).toBe(false);
    // Rows: the carried-over books in the previous generation's order, then the new one.
    const carried = first.books
      .map((book) => book.file.replace("childrens", "kids"))
      .filter((file) => file !== "fb-intro.epub");
    expect(manifest.books.map((book) => book.file)).toEqual([...carried, "harbour.md"]);
    expect((await verifyGeneration(store.generationDir(manifest.id))).faults).toEqual([]);
    // Two segments: the first generation's files, shared by hard links (never copied or written),
    // and one the run wrote for the book it added. Removed and renamed books cost nothing.
    const segments = segmentsOf(manifest);
    expect(segments.map((segment) => segment.books.map((book) => book.file))).toEqual([carried, ["harbour.md"]]);
    const [shared, own] = segments;
    for (const name of [shared?.index, shared?.docstore, shared?.keywords]) {
      const here = statSync(join(store.generationDir(manifest.id), name ?? "?"));
      const there = statSync(join(store.generationDir(first.id), name ?? "?"));
      expect(here.ino, name).toBe(there.ino);
    }
    expect(own?.index).toBe(`seg-${manifest.id}.faiss`);
    expect(own?.rows).toBe(manifest.books.at(-1)?.chunkCount);
    expect(shared?.deadRows).toBe(first.books.find((book) => book.file === "fb-intro.epub")?.chunkCount);

    const full = await fullBuildAnswers();
    expect(await candidates(store)).toEqual(full.candidates);
    expect(await answers(store)).toEqual(full.answers);
  });

  it("removes one book without a rebuild and still answers like a full build", async () => {
    const before = liveManifest(store);
    rmSync(join(books, "lighthouse.md"));
    const { lines, report } = await ingest(store);
    expect(lines.join("\n")).toMatch(new RegExp(`derivedFrom.*${before.id}`));
    expect(report.embeddedChunks).toBe(0);
    const manifest = liveManifest(store);
    const lighthouse = before.books.find((book) => book.file === "lighthouse.md");
    expect(manifest.chunkCount).toBe(before.chunkCount - (lighthouse?.chunkCount ?? Number.NaN));
    expect((await verifyGeneration(store.generationDir(manifest.id))).faults).toEqual([]);
    // A removal writes no segment: the same segments, one more book's rows unlisted.
    expect(manifest.segments?.map((segment) => segment.id)).toEqual(before.segments?.map((segment) => segment.id));
    expect(readdirSync(store.generationDir(manifest.id)).filter((name) => name.includes(manifest.id))).toEqual([]);
    const full = await fullBuildAnswers();
    expect(await candidates(store)).toEqual(full.candidates);
    expect(await answers(store)).toEqual(full.answers);
  });

  it(`folds its segments into one when the live generation has ${MAX_SEGMENTS}, and answers the same`, async () => {
    for (let added = segmentsOf(liveManifest(store)).length; added < MAX_SEGMENTS; added++) {
      writeBook(`extra-${added}.md`, `Extra ${added} harbour`, 2);
      const { lines } = await ingest(store);
      expect(lines.join("\n")).toMatch(/derivedFrom/);
    }
    expect(segmentsOf(liveManifest(store))).toHaveLength(MAX_SEGMENTS);
    const before = await candidates(store);
    writeBook("one-more.md", "One more lighthouse", 2);
    const { lines, report } = await ingest(store);
    expect(lines.join("\n")).toMatch(
      new RegExp(`builtFromScratch.*${MAX_SEGMENTS} сегментов: публикация сводит их в один`),
    );
    // Folded from what the live generation stores: nothing embedded again but the new book.
    expect(report.embeddedChunks).toBe(
      liveManifest(store).books.find((book) => book.file === "one-more.md")?.chunkCount,
    );
    const manifest = liveManifest(store);
    expect(manifest.segments).toBeUndefined();
    expect(manifest.books.filter((book) => book.segment !== undefined || book.row !== undefined)).toEqual([]);
    expect(labelLayout(manifest.books).identity).toBe(true);
    const full = await fullBuildAnswers();
    expect(await candidates(store)).toEqual(full.candidates);
    expect(before.length).toBe(full.candidates.length);
  }, 180_000);

  it("folds segments with removed books' rows by taking each one's keywords.bin as it is: the bytes the texts give", async () => {
    writeBook("fold-a.md", "Fold anchor", 3);
    writeBook("fold-b.md", "Fold beacon", 3);
    await ingest(store);
    writeBook("fold-c.md", "Fold cove", 2);
    await ingest(store);
    // Dead rows in the first two segments: a book removed from each.
    rmSync(join(books, "harbour.md"));
    rmSync(join(books, "fold-a.md"));
    await ingest(store);
    const before = liveManifest(store);
    expect(segmentsOf(before).map((segment) => segment.deadRows > 0)).toEqual([true, true, false]);

    const outcome = await compactLiveGeneration(store, { force: true });
    expect(outcome).toMatchObject({ kind: "compacted", fromId: before.id, segments: 3 });
    const manifest = liveManifest(store);
    expect(manifest.segments).toBeUndefined();
    expect(manifest.chunkCount).toBe(before.chunkCount);
    expect((await verifyGeneration(store.generationDir(manifest.id))).faults).toEqual([]);
    const full = await fullBuildAnswers();
    expect(await candidates(store)).toEqual(full.candidates);
    expect(await answers(store)).toEqual(full.answers);

    // The same books in the same order with their postings computed from the chunk texts give
    // the very same keywords.bin: rows renumbered, removed books' rows and the terms only they
    // held left out, the chunks holding each term in their text counted anew.
    const folded = await store.openLive();
    const reference = openIndexStore(join(mkdtempSync(join(root, "reference-")), "index"));
    try {
      const built = await reference.publish(
        { embedder: manifest.embedder, chunking: manifest.chunking, indexFactory: manifest.indexFactory },
        async (builder) => {
          for (const { chunkCount: _count, firstLabel: _label, ...record } of manifest.books) {
            const chunks = folded.chunksOfBook(record.bookId);
            builder.addBook(record, chunks, folded.vectorsOfBook(record.bookId), bookPostings(record.title, chunks));
          }
        },
      );
      const bytes = (store: IndexStore, id: string) => readFileSync(join(store.generationDir(id), KEYWORD_FILE));
      expect(bytes(store, manifest.id).equals(bytes(reference, built.id))).toBe(true);
    } finally {
      folded.close();
    }

    // The fold reads the live files without loading FAISS, but verifies them as a load does: a
    // damaged file stops it, named, and the live generation stays.
    const docstore = join(store.generationDir(manifest.id), "docstore.bin");
    const sound = readFileSync(docstore);
    const middle = Math.floor(sound.length / 2);
    writeFileSync(
      docstore,
      Buffer.concat([sound.subarray(0, middle), Buffer.alloc(64, 7), sound.subarray(middle + 64)]),
    );
    try {
      await expect(compactLiveGeneration(store, { force: true })).rejects.toThrow(
        /docstore\.bin: контрольная сумма не совпадает/,
      );
      expect(store.liveId()).toBe(manifest.id);
    } finally {
      writeFileSync(docstore, sound);
    }
  });

  it("builds from scratch when the live generation's chunking differs, and says why", async () => {
    const other = ingestSettingsFromConfig(parseConfig({ CHUNK_SIZE: "300", CHUNK_OVERLAP: "40" }));
    const logger = captureLogger();
    const report = await runIngest({ settings: other, logger: logger.logger, embedder, store }, { folder: books });
    expect(report.published).toBe(true);
    expect(logger.lines().join("\n")).not.toMatch(/derivedFrom/);
    expect(logger.lines().join("\n")).toMatch(
      /векторизованы заново: живое поколение .* собрано другим векторизатором или с другой нарезкой/,
    );
    expect(labelLayout(liveManifest(store).books).identity).toBe(true);
  });
});
