// A module hook for the parse child that loads pdf.js's prebuilt bundles as they are, past tsx.
// tsx rewrites every JavaScript file that contains `import(` and builds a fine-grained source
// map for it; for pdf.js's bundles that is the largest part of every parse child's start-up.
// pdf.js is plain ESM and needs none of it. Preloaded after tsx (`--import`), so it runs first.
import { readFile } from "node:fs/promises";
import { type LoadHook, register } from "node:module";
import { isMainThread } from "node:worker_threads";

const PDFJS_BUNDLE = /\/pdfjs-dist\/legacy\/build\/pdf(\.worker)?\.mjs$/;

export const load: LoadHook = async (url, context, nextLoad) => {
  if (!PDFJS_BUNDLE.test(url)) return nextLoad(url, context);
  return { format: "module", source: await readFile(new URL(url)), shortCircuit: true };
};

// Preloaded with --import in the main thread, this file registers itself as the hook module,
// which Node then loads again in its hooks thread (where isMainThread is false).
if (isMainThread) register(import.meta.url);
