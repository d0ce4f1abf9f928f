import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  EmbedderMismatchError,
  IndexIntegrityError,
  NoLiveGenerationError,
  verifyAndOpenGeneration,
} from "../../src/index/index.js";
import { publishBooks, TEST_EMBEDDER, tempStore, unitVector } from "./generation-helpers.js";

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

  it("names the damaged file when any generation file is altered", async () => {
    const store = tempStore();
    const manifest = await publishBooks(store, [{ bookId: "a".repeat(64), title: "Alpha", chunks: 4, seed: 1 }]);
    for (const file of Object.keys(manifest.files)) {
      const path = join(store.generationDir(manifest.id), file);
      const original = readFileSync(path);
      const damaged = Buffer.from(original);
      damaged[damaged.length - 3] = (damaged[damaged.length - 3] ?? 0) ^ 0xff;
      writeFileSync(path, damaged);
      const result = await verifyAndOpenGeneration(store.generationDir(manifest.id));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.faults.map((fault) => fault.file)).toContain(file);
      await expect(store.open(manifest.id)).rejects.toBeInstanceOf(IndexIntegrityError);
      writeFileSync(path, original);
    }
    const sound = await verifyAndOpenGeneration(store.generationDir(manifest.id));
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
    expect(entry?.fault).toMatch(/not valid JSON/);
  });

  it("catches a changed byte anywhere in the manifest, a book title included, by its own checksum", async () => {
    const store = tempStore();
    const manifest = await publishBooks(store, [{ bookId: "a".repeat(64), title: "Alpha", chunks: 2, seed: 1 }]);
    const path = join(store.generationDir(manifest.id), "manifest.json");
    const sealed = readFileSync(path, "utf8");
    expect(store.list()[0]?.fault).toBeUndefined();
    // Still valid JSON and still matching the schema: only the manifest's own checksum can tell.
    writeFileSync(path, sealed.replace('"title": "Alpha"', '"title": "Alphb"'));
    expect(store.list()[0]?.fault).toMatch(/manifest\.json: its own checksum does not match/);
    const verified = await verifyAndOpenGeneration(store.generationDir(manifest.id));
    expect(verified.ok).toBe(false);
    expect(verified.ok ? [] : verified.faults.map((fault) => fault.file)).toEqual(["manifest.json"]);
    // A key nobody wrote (for example "selfSha256" with a flipped byte) is refused as well.
    writeFileSync(path, sealed.replace('"selfSha256"', '"selfSha25\u00f6"'));
    expect(store.list()[0]?.fault).toMatch(/manifest\.json/);
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
