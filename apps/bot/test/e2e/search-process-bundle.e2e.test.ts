// The bot forks its search process from the build (`pnpm --filter @ai-library/bot build`) with
// plain node — no tsx loader, whose thread alone costs the process tens of MB — and it answers as
// the TypeScript source does; the build keeps working from another folder. A build whose sources
// have changed since, or none, is not used: the bot forks the source through tsx and says why.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Chunk } from "@ai-library/shared/chunking";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { type IndexStore, openIndexStore } from "@ai-library/shared/index";
import { createLogger } from "@ai-library/shared/logging";
import { DEFAULT_RETRIEVAL_SETTINGS } from "@ai-library/shared/retrieval";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleSearchProcess } from "../../scripts/bundle-search-process.js";
import {
  BUNDLE_FILE,
  type BundleSources,
  SOURCES_FILE,
  searchProcessEntry,
  withoutModuleLoaders,
} from "../../src/answering/search-process-bundle.js";
import { searchInSearchProcess } from "../../src/app/search-in-search-process.js";

const embedder = createLocalHashedEmbedder({ dims: 384 });
const QUESTION = "смотритель маяка зажигал лампу";
let root: string;
let store: IndexStore;
let bundleDir: string;

/** Command line of the search process this test's process forked (pgrep by script name). */
function searchProcessCommandLine(): string {
  const pid = execFileSync("pgrep", ["-P", String(process.pid), "-f", "faiss-search-process"], { encoding: "utf8" })
    .trim()
    .split("\n")[0];
  return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
}

/** Serves the library through a search process started from `dir`; returns its first answer and what was logged. */
async function askThroughBundleIn(dir: string) {
  const logLines: string[] = [];
  const logger = createLogger({ service: "bot", level: "info", dir: join(root, "logs") });
  logger.on("data", (info: { level: string; message: unknown }) => logLines.push(`${info.level} ${info.message}`));
  const searching = searchInSearchProcess({
    store,
    embedder,
    logger,
    settings: { ...DEFAULT_RETRIEVAL_SETTINGS },
    searchTimeoutMs: 60_000,
    execArgv: ["--import", "tsx"], // what the bot has; dropped for the build
    bundleDir: dir,
  });
  try {
    expect(await searching.library.reloadIfChanged()).toMatchObject({ status: "loaded" });
    const result = await searching.search(QUESTION, 3);
    return { result, commandLine: searchProcessCommandLine(), logLines, copies: searching.fallbackCopies() };
  } finally {
    searching.close();
  }
}

beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "search-bundle-")));
  store = openIndexStore(join(root, "index"));
  const texts = Array.from({ length: 20 }, (_, part) => `Смотритель маяка каждый вечер зажигал лампу. Часть ${part}.`);
  const bookId = "1".padStart(64, "0");
  const chunks: Chunk[] = texts.map((text, position) => ({ bookId, title: "Маяк", file: "1.txt", position, text }));
  await store.publish(
    {
      embedder: embedder.identity,
      chunking: { version: "test", chunkSize: 1000, chunkOverlap: 0 },
      indexFactory: "Flat",
    },
    async (builder) =>
      builder.addBook(
        { bookId, file: "1.txt", title: "Маяк", format: "txt" },
        chunks,
        await embedder.embedDocuments(texts),
      ),
  );
  // Built outside the checkout, so every path in it leads back out of this folder.
  bundleDir = join(root, "bundle");
  await bundleSearchProcess(bundleDir);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("the search process from the build", () => {
  it("runs with plain node, without the tsx loader, and answers from the index", async () => {
    const { result, commandLine, logLines, copies } = await askThroughBundleIn(bundleDir);
    expect(commandLine).toContain(join(bundleDir, BUNDLE_FILE));
    expect(commandLine).not.toMatch(/tsx|--import|--require/);
    expect(result.passages[0]?.text).toContain("Смотритель маяка");
    expect(result.passages[0]?.title).toBe("Маяк");
    // Answered by the search process, not by a fallback copy in the bot.
    expect(copies).toEqual([]);
    expect(logLines.filter((line) => !line.startsWith("info"))).toEqual([]);
  });

  it("loads only what a search needs: no backup archiver, no config schema, zod cut down to the manifest's checks", () => {
    const bundle = readFileSync(join(bundleDir, BUNDLE_FILE), "utf8");
    const loaded = [...bundle.matchAll(/^import .* from "([^"]+)";$/gm)].map((found) => found[1] ?? "");
    const packages = loaded
      .filter((path) => !path.startsWith("node:"))
      .map((path) => path.split("/node_modules/").at(-1));
    expect(packages.length).toBeGreaterThan(0);
    // Each would add to a second process that sits beside the index (tar ~4 MB, zod ~10 MB).
    for (const unwanted of ["tar", "zod", "winston", "bullmq", "ioredis"])
      expect(packages.filter((name) => name?.startsWith(`${unwanted}/`))).toEqual([]);
    expect(bundle).not.toContain("TELEGRAM_BOT_TOKEN"); // the whole config schema
    expect(bundle).not.toContain('"ZodString"'); // zod's full API, beside zod/mini's ZodMiniString
  });

  it("is not used once a source it was built from has changed: the source runs through tsx, and the log says why", async () => {
    const stale = join(root, "stale");
    cpSync(bundleDir, stale, { recursive: true });
    const list = JSON.parse(readFileSync(join(stale, SOURCES_FILE), "utf8")) as BundleSources;
    const [changed] = Object.keys(list.sources).filter((source) => source.endsWith("search-generation.ts"));
    if (!changed) throw new Error("search-generation.ts is not among the bundle's sources");
    list.sources[changed] = "0".repeat(64); // as if the file had been edited after the build
    writeFileSync(join(stale, SOURCES_FILE), JSON.stringify(list));

    const { result, commandLine, logLines } = await askThroughBundleIn(stale);
    expect(commandLine).toContain("faiss-search-process.ts");
    expect(commandLine).toContain("--import tsx");
    expect(result.passages[0]?.text).toContain("Смотритель маяка");
    expect(logLines.join("\n")).toMatch(/warn .*загрузчик tsx.*устарела: изменён .*search-generation\.ts/);
  });

  it("falls back to the source when there is no build, or it was cut short", () => {
    const empty = join(root, "empty");
    expect(searchProcessEntry(empty)).toMatchObject({ kind: "source", why: expect.stringContaining("не собран") });
    const cut = join(root, "cut");
    cpSync(bundleDir, cut, { recursive: true });
    rmSync(join(cut, BUNDLE_FILE));
    expect(searchProcessEntry(cut)).toMatchObject({ kind: "source", why: expect.stringContaining("неполна") });
    expect(searchProcessEntry(bundleDir)).toEqual({ kind: "bundle", file: join(bundleDir, BUNDLE_FILE) });
  });

  it("drops the module loaders from the bot's node options, and keeps the rest", () => {
    const tsxCli = ["--require", "/x/tsx/dist/preflight.cjs", "--import", "file:///x/tsx/dist/loader.mjs"];
    expect(withoutModuleLoaders([...tsxCli, "--max-old-space-size=512"])).toEqual(["--max-old-space-size=512"]);
    expect(withoutModuleLoaders(["--import=tsx", "--enable-source-maps"])).toEqual(["--enable-source-maps"]);
  });
});
