import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  EmbedderMismatchError,
  IndexIntegrityError,
  NoLiveGenerationError,
} from "../../src/index/generation/errors.js";
import { sealManifest } from "../../src/index/generation/manifest.js";
import { openVerifiedGeneration } from "../../src/index/generation/open-verified-generation.js";
import { bookChunks, publishBooks, TEST_EMBEDDER, tempStore, unitVector } from "./generation-helpers.js";

describe("index generations", () => {
  it("publishes a generation that opens, verifies and finds the right chunk with its citation", async () => {
    const store = tempStore();
    const manifest = await publishBooks(store, [
      { bookId: "a".repeat(64), title: "Alpha", chunks: 5, seed: 1 },
      { bookId: "b".repeat(64), title: "Beta", chunks: 3, seed: 2 },
    ]);
    expect(store.liveId()).toBe(manifest.id);
    expect(manifest.chunkCount).toBe(8);
    const live = await store.openLive(TEST_EMBEDDER);
    const [best] = live.search(unitVector(2 * 1000 + 1), 3);
    expect(best).toMatchObject({ title: "Beta", page: 2, position: 1, text: "Beta passage 1" });
    expect(best?.score).toBeCloseTo(1, 4);
    expect(live.vectorsOfBook("b".repeat(64))[1]).toEqual(unitVector(2 * 1000 + 1));
    live.close();
  });

  it("keeps the previous generation live when a build fails, and leaves no temp directory", async () => {
    const store = tempStore();
    const first = await publishBooks(store, [{ bookId: "a".repeat(64), title: "Alpha", chunks: 2, seed: 1 }]);
    await expect(
      store.publish(
        { embedder: TEST_EMBEDDER, chunking: { version: "t", chunkSize: 1, chunkOverlap: 0 }, indexFactory: "Flat" },
        async () => {
          throw new Error("disk full");
        },
      ),
    ).rejects.toThrow("disk full");
    expect(store.liveId()).toBe(first.id);
    expect(readdirSync(store.dir).filter((name) => name.startsWith(".tmp-"))).toEqual([]);
    expect(store.list().map((entry) => entry.id)).toEqual([first.id]);
  });

  it("clears what a kill -9 between write and rename left of LIVE and live-history at the next publish", async () => {
    const store = tempStore();
    await publishBooks(store, [{ bookId: "a".repeat(64), title: "Alpha", chunks: 2, seed: 1 }]);
    const cutShort = [".live-history.64465183eb71.tmp", ".LIVE.0a1b2c3d4e5f.tmp"];
    for (const name of cutShort) writeFileSync(join(store.dir, name), "half-written");
    writeFileSync(join(store.dir, "notes.tmp"), "an operator's file");
    const second = await publishBooks(store, [{ bookId: "b".repeat(64), title: "Beta", chunks: 2, seed: 2 }]);
    expect(store.liveId()).toBe(second.id);
    expect(readdirSync(store.dir).filter((name) => name.endsWith(".tmp"))).toEqual(["notes.tmp"]);
  });

  it("names the damaged file when any generation file is altered", async () => {
    const store = tempStore();
    const manifest = await publishBooks(store, [{ bookId: "a".repeat(64), title: "Alpha", chunks: 4, seed: 1 }]);
    for (const file of Object.keys(manifest.files)) {
      const path = join(store.generationDir(manifest.id), file);
      const original = readFileSync(path);
      const damaged = Buffer.from(original);
      damaged[damaged.length - 3] = (damaged[damaged.length - 3] ?? 0) ^ 0xff;
      writeFileSync(path, damaged);
      const result = await openVerifiedGeneration(store.generationDir(manifest.id));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.faults.map((fault) => fault.file)).toContain(file);
      await expect(store.open(manifest.id)).rejects.toBeInstanceOf(IndexIntegrityError);
      writeFileSync(path, original);
    }
    const sound = await openVerifiedGeneration(store.generationDir(manifest.id));
    expect(sound.ok).toBe(true);
  });

  it("refuses a generation built by another embedder, and reports a missing index clearly", async () => {
    const store = tempStore();
    await expect(store.openLive(TEST_EMBEDDER)).rejects.toBeInstanceOf(NoLiveGenerationError);
    await publishBooks(store, [{ bookId: "a".repeat(64), title: "Alpha", chunks: 2, seed: 1 }]);
    await expect(store.openLive({ ...TEST_EMBEDDER, dims: 16 })).rejects.toBeInstanceOf(EmbedderMismatchError);
  });

  it("treats a generation without manifest as incomplete", async () => {
    const store = tempStore();
    const manifest = await publishBooks(store, [{ bookId: "a".repeat(64), title: "Alpha", chunks: 2, seed: 1 }]);
    writeFileSync(join(store.generationDir(manifest.id), "manifest.json"), "{ truncated");
    const [entry] = store.list();
    expect(entry?.fault).toMatch(/не корректный JSON/);
  });

  it("catches a changed byte anywhere in the manifest, a book title included, by its own checksum", async () => {
    const store = tempStore();
    const manifest = await publishBooks(store, [{ bookId: "a".repeat(64), title: "Alpha", chunks: 2, seed: 1 }]);
    const path = join(store.generationDir(manifest.id), "manifest.json");
    const sealed = readFileSync(path, "utf8");
    expect(store.list()[0]?.fault).toBeUndefined();
    // Still valid JSON and still matching the schema: only the manifest's own checksum can tell.
    writeFileSync(path, sealed.replace('"title": "Alpha"', '"title": "Alphb"'));
    expect(store.list()[0]?.fault).toMatch(/manifest\.json: собственная контрольная сумма не совпадает/);
    const verified = await openVerifiedGeneration(store.generationDir(manifest.id));
    expect(verified.ok).toBe(false);
    expect(verified.ok ? [] : verified.faults.map((fault) => fault.file)).toEqual(["manifest.json"]);
    // A key nobody wrote (for example "selfSha256" with a flipped byte) is refused as well.
    writeFileSync(path, sealed.replace('"selfSha256"', '"selfSha25\u00f6"'));
    expect(store.list()[0]?.fault).toMatch(/manifest\.json/);
  });

  it("names the field and what was expected when a sealed manifest breaks the schema", async () => {
    const store = tempStore();
    const manifest = await publishBooks(store, [{ bookId: "a".repeat(64), title: "Alpha", chunks: 2, seed: 1 }]);
    const path = join(store.generationDir(manifest.id), "manifest.json");
    const fields = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    // Sealed again, so its own checksum holds and only the schema can refuse it.
    writeFileSync(path, sealManifest({ ...fields, chunkCount: "2" }));
    expect(store.list()[0]?.fault).toBe(
      "manifest.json не соответствует схеме (chunkCount: Invalid input: expected number, received string)",
    );
    writeFileSync(path, sealManifest({ ...fields, vectors: { file: "vectors.f32", offset: -4 } }));
    expect(store.list()[0]?.fault).toMatch(
      /не соответствует схеме \(vectors\.offset: Too small: expected number to be >=0\)/,
    );
  });

  it("prunes old generations but never the live one or its predecessor", async () => {
    const store = tempStore();
    const ids: string[] = [];
    for (let round = 0; round < 5; round++) {
      ids.push((await publishBooks(store, [{ bookId: "a".repeat(64), title: "Alpha", chunks: 1, seed: round }])).id);
    }
    store.prune(2);
    expect(store.list().map((entry) => entry.id)).toEqual(ids.slice(3));
    expect(store.liveId()).toBe(ids[4]);
  });

  it("stores every vector exactly, also rows that are views into one shared array and books over 1024 rows", async () => {
    // Vectors go to disk as the embedder's own arrays (writev, 1024 rows a call): a view's
    // offset or a row at a group edge written wrongly would hand a search another row's chunk.
    const store = tempStore();
    const rows = 2500;
    const dims = TEST_EMBEDDER.dims;
    const shared = new Float32Array((rows + 1) * dims);
    for (let row = 0; row < rows; row++) shared.set(unitVector(7000 + row), (row + 1) * dims);
    const views = Array.from({ length: rows }, (_, row) => shared.subarray((row + 1) * dims, (row + 2) * dims));
    const bookId = "d".repeat(64);
    await store.publish(
      { embedder: TEST_EMBEDDER, chunking: { version: "t", chunkSize: 100, chunkOverlap: 0 }, indexFactory: "Flat" },
      async (builder) => {
        builder.addBook(
          { bookId, file: "Delta.pdf", title: "Delta", format: "pdf" },
          bookChunks(bookId, "Delta", rows),
          views,
        );
      },
    );
    const live = await store.openLive(TEST_EMBEDDER);
    const stored = live.vectorsOfBook(bookId);
    expect(stored).toHaveLength(rows);
    for (const row of [0, 1, 1023, 1024, 1025, 2047, 2048, rows - 1]) expect(stored[row]).toEqual(views[row]);
    // The search finds the chunk whose own vector is the query (test seeds may repeat a vector).
    const [best] = live.search(views[1024] as Float32Array, 1);
    expect(best?.score).toBeCloseTo(1, 4);
    expect(views[best?.position ?? -1]).toEqual(views[1024]);
    expect(best?.text).toBe(`Delta passage ${best?.position}`);
    live.close();
  });

  it("leaves no trace of a book that fails halfway into the docstore, and the next book still lands", async () => {
    // The run goes on after a failed book, so nothing of it may stay in the docstore: its rows
    // are all encoded before any is written, and the next book's overwrite what was.
    const store = tempStore();
    const broken = "e".repeat(64);
    const good = "f".repeat(64);
    const brokenChunks = bookChunks(broken, "Broken", 5000).map((chunk) => ({
      ...chunk,
      text: chunk.text.padEnd(600, "."),
    }));
    // A chunk without text, refused by the docstore in the middle of the book.
    (brokenChunks[4000] as { text: string | null }).text = null;
    const manifest = await store.publish(
      { embedder: TEST_EMBEDDER, chunking: { version: "t", chunkSize: 600, chunkOverlap: 0 }, indexFactory: "Flat" },
      async (builder) => {
        expect(() =>
          builder.addBook(
            { bookId: broken, file: "Broken.pdf", title: "Broken", format: "pdf" },
            brokenChunks,
            brokenChunks.map((_, row) => unitVector(9000 + row)),
          ),
        ).toThrow(/Broken\.pdf: у фрагмента 4000 нет текста/);
        const chunks = bookChunks(good, "Good", 3);
        builder.addBook(
          { bookId: good, file: "Good.pdf", title: "Good", format: "pdf" },
          chunks,
          chunks.map((_, row) => unitVector(8000 + row)),
        );
      },
    );
    expect(manifest.chunkCount).toBe(3);
    expect(manifest.books.map((book) => book.title)).toEqual(["Good"]);
    const live = await store.openLive(TEST_EMBEDDER);
    expect(live.chunksOfBook(broken)).toEqual([]);
    const [best] = live.search(unitVector(8001), 1);
    expect(best).toMatchObject({ title: "Good", position: 1, text: "Good passage 1" });
    live.close();
  });

  it("builds a trained IVF index through a FAISS factory string", async () => {
    const store = tempStore();
    const manifest = await publishBooks(
      store,
      [{ bookId: "c".repeat(64), title: "Gamma", chunks: 400, seed: 3 }],
      "IVF4,Flat",
    );
    expect(manifest.indexFactory).toBe("IVF4,Flat");
    expect(existsSync(join(store.generationDir(manifest.id), "vectors.f32"))).toBe(true);
    const live = await store.openLive(TEST_EMBEDDER);
    expect(live.vectorsOfBook("c".repeat(64))).toHaveLength(400);
    live.close();
  });
});
