// Which file the bot forks as its search process. Started through the TypeScript loader (`node
// --import tsx`), a second Node process costs ~70 MB before its first module, half of it the
// loader's own thread (docs/performance.md, «Одна загрузка поколения»); so `pnpm --filter
// @ai-library/bot build` bundles faiss-search-process.ts and the workspace code it imports into
// one plain JS file (apps/bot/scripts/bundle-search-process.ts), forked with plain node. Beside
// it lies the list of the sources it was built from with their hashes: once any of them has
// changed the bundle is stale, and the bot forks the TypeScript source as before and says why —
// a bundle that does not match the code would search differently from the bot's own fallback.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const BUNDLE_FILE = "faiss-search-process.mjs";
export const SOURCES_FILE = "faiss-search-process.sources.json";
/** apps/bot/dist: ignored by git, rebuilt by `pnpm --filter @ai-library/bot build` and scripts/setup.sh. */
export const DEFAULT_BUNDLE_DIR = fileURLToPath(new URL("../../dist/", import.meta.url));
/** The TypeScript source, forked through the loader when no fresh bundle exists. */
export const SEARCH_PROCESS_SOURCE = fileURLToPath(new URL("./faiss-search-process.ts", import.meta.url));

/** What the bundle was built from: paths relative to the bundle's folder, and their SHA-256. */
export interface BundleSources {
  sources: Record<string, string>;
}

export type SearchProcessEntry = { kind: "bundle"; file: string } | { kind: "source"; file: string; why: string };

export const sha256Of = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

/** The bundle in `dir` when every source it was built from is unchanged; else the TypeScript source and why. */
export function searchProcessEntry(dir: string = DEFAULT_BUNDLE_DIR): SearchProcessEntry {
  const fallback = (why: string): SearchProcessEntry => ({ kind: "source", file: SEARCH_PROCESS_SOURCE, why });
  const build = "pnpm --filter @ai-library/bot build";
  // The list is written last, so a build cut short leaves no list.
  const sources = recordedSources(join(dir, SOURCES_FILE));
  if (!sources) return fallback(`процесс поиска не собран в ${dir} (${build})`);
  if (sources.length === 0 || !existsSync(join(dir, BUNDLE_FILE)))
    return fallback(`сборка процесса поиска в ${dir} неполна (${build})`);
  for (const [source, hash] of sources) {
    let now: string | undefined;
    try {
      now = sha256Of(resolve(dir, source));
    } catch {
      now = undefined;
    }
    if (now !== hash)
      return fallback(
        `сборка процесса поиска в ${dir} устарела: ${now ? "изменён" : "нет файла"} ${resolve(dir, source)} (${build})`,
      );
  }
  return { kind: "bundle", file: join(dir, BUNDLE_FILE) };
}

function recordedSources(file: string): [string, string][] | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    const sources = (parsed as Partial<BundleSources> | null)?.sources;
    if (typeof sources !== "object" || sources === null) return undefined;
    const entries = Object.entries(sources);
    return entries.every(([, hash]) => typeof hash === "string") ? entries : undefined;
  } catch {
    return undefined;
  }
}

const LOADER_FLAGS = new Set(["--import", "--require", "-r", "--loader", "--experimental-loader"]);

/**
 * Node options without the module loaders in them (`--import tsx`, and what the tsx CLI adds:
 * `--require …/preflight.cjs --import …/loader.mjs`): the bundle needs none, and each one loaded
 * costs the process memory, the loader thread most. Other options (heap limits) stay.
 */
export function withoutModuleLoaders(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let at = 0; at < execArgv.length; at++) {
    const arg = execArgv[at] ?? "";
    if (LOADER_FLAGS.has(arg))
      at++; // and its value
    else if (!LOADER_FLAGS.has(arg.split("=")[0] ?? "")) kept.push(arg);
  }
  return kept;
}
