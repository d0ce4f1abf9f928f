// Isolated parsing: same result as in-process, and hostile files end as typed errors with the
// child process gone: zip bombs, parses past the deadline, parsers out of memory, aborts.
import { join } from "node:path";
import { writePdfBook, writeZipBombEpub } from "@ai-library/book-fixtures";
import { describe, expect, it } from "vitest";
import { BookLoadError, loadBook, loadBookIsolated } from "../../src/loaders/index.js";
import { countLiveParseChildren } from "../../src/loaders/isolated/live-children.js";
import { CORPUS, TEST_LIMITS, useTempDir } from "./temp-dir.js";

const dir = useTempDir("isolated");

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isolatedError(path: string, limits = TEST_LIMITS, onSpawn?: (pid: number) => void) {
  const error = await loadBookIsolated(path, limits, { onSpawn }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(BookLoadError);
  return error as BookLoadError;
}

describe("loadBookIsolated", () => {
  it("returns exactly what the in-process loader returns", async () => {
    const path = join(dir(), "same.pdf");
    await writePdfBook({ path, title: "Одна и та же книга", author: "Автор", pages: ["Первая страница.", "Вторая."] });
    expect(await loadBookIsolated(path, TEST_LIMITS)).toEqual(await loadBook(path, TEST_LIMITS));
  });

  it("passes typed errors from the child through unchanged", async () => {
    const error = await isolatedError(`${CORPUS}/pdf/issue6010_1.pdf`);
    expect(error.kind).toBe("encrypted");
    expect(error.file).toBe(`${CORPUS}/pdf/issue6010_1.pdf`);
  });

  it("refuses a zip-bomb EPUB as too_large", async () => {
    const path = join(dir(), "bomb.epub");
    await writeZipBombEpub(path, 512 * 1024 * 1024);
    const error = await isolatedError(path, { ...TEST_LIMITS, maxUncompressedBytes: 100 * 1024 * 1024 });
    expect(error.kind).toBe("too_large");
  });

  it("kills a parse that passes the deadline and reports timeout", async () => {
    let pid = 0;
    const error = await isolatedError(
      `${CORPUS}/pdf/freeculture.pdf`,
      { ...TEST_LIMITS, timeoutMs: 300 },
      (spawned) => {
        pid = spawned;
      },
    );
    expect(error.kind).toBe("timeout");
    expect(pid).toBeGreaterThan(0);
    expect(isRunning(pid)).toBe(false);
    expect(countLiveParseChildren()).toBe(0);
  });

  it("reports a parser that runs out of its heap as out_of_memory, and survives it", async () => {
    const error = await isolatedError(`${CORPUS}/pdf/freeculture.pdf`, { ...TEST_LIMITS, memoryMb: 16 });
    expect(error.kind).toBe("out_of_memory");
    expect(countLiveParseChildren()).toBe(0);
  });

  it("kills the child when the caller aborts", async () => {
    const controller = new AbortController();
    let pid = 0;
    const pending = loadBookIsolated(`${CORPUS}/pdf/freeculture.pdf`, TEST_LIMITS, {
      signal: controller.signal,
      onSpawn: (spawned) => {
        pid = spawned;
      },
    });
    setTimeout(() => controller.abort(new Error("shutting down")), 200);
    await expect(pending).rejects.toThrow("shutting down");
    expect(isRunning(pid)).toBe(false);
    expect(countLiveParseChildren()).toBe(0);
  });
});
