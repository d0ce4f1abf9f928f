// `pnpm --filter @ai-library/bot build`: bundles the search process (faiss-search-process.ts and
// the workspace TypeScript it imports) into one plain JS file, so the bot forks it with plain
// node instead of through the tsx loader (src/answering/search-process-bundle.ts says why).
// Packages from node_modules stay outside the bundle and load as they do now — native addons
// (better-sqlite3) must, and a package imported by path loads one copy either way. Their imports
// and every `import.meta.url` of a bundled file are written as paths relative to the bundle, so
// a checkout moved or cloned elsewhere keeps a working bundle, and a package is resolved from
// the folder of the file that imports it, as under tsx.
// The sources list is written last: a build cut short leaves a bundle the bot does not use.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { build, type Plugin } from "esbuild";
import {
  BUNDLE_FILE,
  type BundleSources,
  DEFAULT_BUNDLE_DIR,
  SEARCH_PROCESS_SOURCE,
  SOURCES_FILE,
  sha256Of,
} from "../src/answering/search-process-bundle.js";

// zod is bundled so that only the manifest's checks (zod/mini) are kept: loaded whole, it adds
// ~10 MB of RSS to the search process. It declares itself free of side effects.
const TREE_SHAKEN_PACKAGE = /[\\/]node_modules[\\/]zod[\\/]/;
const inNodeModules = (path: string) => path.split(/[\\/]/).includes("node_modules");

/** `./x` or `../x`, as an import specifier from `dir`. */
function specifierFrom(dir: string, file: string): string {
  const path = relative(dir, file).split("\\").join("/");
  return path.startsWith(".") ? path : `./${path}`;
}

/** `packages` collects the files of packages imported from outside the bundle. */
function relativeToBundle(outDir: string, packages: Set<string>): Plugin {
  return {
    name: "relative-to-bundle",
    setup(esbuild) {
      // Packages: external, imported by their resolved file's path relative to the bundle.
      esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === "resolving" || args.path.startsWith("node:")) return undefined;
        const found = await esbuild.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: "resolving",
        });
        if (found.external) return { path: args.path, external: true }; // a Node built-in
        if (found.errors.length > 0) return { errors: found.errors };
        if (!inNodeModules(found.path)) return { path: found.path, sideEffects: false }; // a workspace package: bundled
        if (TREE_SHAKEN_PACKAGE.test(found.path)) return { path: found.path };
        packages.add(found.path);
        return { path: specifierFrom(outDir, found.path), external: true };
      });
      // Workspace modules do nothing on import but define things (none is imported for its
      // effects alone), so a module none of whose exports the search process uses is left out —
      // and with it the packages it imports: the barrels would otherwise load tar (backups) and
      // the whole config schema into a process that only searches, ~14 MB of RSS beside the index.
      esbuild.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData === "resolving" || inNodeModules(args.importer)) return undefined;
        const found = await esbuild.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: "resolving",
        });
        if (found.errors.length > 0) return { errors: found.errors };
        return { path: found.path, sideEffects: false };
      });
      // A bundled file's own URL, so createRequire and its `new URL(…)` resolve from where it lies.
      esbuild.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, "utf8");
        if (/import\.meta\.(dirname|filename)/.test(source))
          return { errors: [{ text: "import.meta.dirname/filename would name the bundle: use import.meta.url" }] };
        const ownUrl = `new URL(${JSON.stringify(specifierFrom(outDir, args.path))}, import.meta.url).href`;
        return { contents: source.replaceAll("import.meta.url", ownUrl), loader: "ts" };
      });
    },
  };
}

/** Builds `outDir`/faiss-search-process.mjs and the list of sources it came from. */
export async function bundleSearchProcess(outDir: string = DEFAULT_BUNDLE_DIR): Promise<BundleSources> {
  mkdirSync(outDir, { recursive: true });
  rmSync(resolve(outDir, SOURCES_FILE), { force: true });
  const packages = new Set<string>();
  const result = await build({
    entryPoints: [SEARCH_PROCESS_SOURCE],
    outfile: resolve(outDir, BUNDLE_FILE),
    bundle: true,
    platform: "node",
    format: "esm",
    target: `node${process.versions.node.split(".")[0]}`,
    metafile: true,
    logLevel: "warning",
    plugins: [relativeToBundle(outDir, packages)],
  });
  // A package updated or removed by `pnpm install` makes the bundle stale as well.
  const sources: Record<string, string> = {};
  for (const file of [...Object.keys(result.metafile.inputs).map((input) => resolve(input)), ...packages])
    sources[specifierFrom(outDir, file)] = sha256Of(file);
  const list: BundleSources = { sources };
  const temp = resolve(outDir, `${SOURCES_FILE}.tmp`);
  writeFileSync(temp, `${JSON.stringify(list, null, 1)}\n`);
  renameSync(temp, resolve(outDir, SOURCES_FILE));
  return list;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_BUNDLE_DIR;
  const { sources } = await bundleSearchProcess(outDir);
  console.log(`search process bundled: ${resolve(outDir, BUNDLE_FILE)} (${Object.keys(sources).length} source files)`);
}
