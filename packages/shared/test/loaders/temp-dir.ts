// A fresh temp directory per test file, removed afterwards.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll } from "vitest";

export function useTempDir(prefix: string): () => string {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `ai-library-${prefix}-`));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** Whitespace-insensitive view of text, for comparing what a page says rather than how it wraps. */
export const flat = (text: string | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

// ../shared beside the repository, as on developers' machines and in CI.
export const CORPUS = resolve(import.meta.dirname, "../../../../../shared/corpus");

export const TEST_LIMITS = {
  timeoutMs: 60_000,
  memoryMb: 512,
  maxUncompressedBytes: 300 * 1024 * 1024,
  maxPages: 20_000,
};
