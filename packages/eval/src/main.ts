// `pnpm eval`: builds a library through the real ingest pipeline (48 XQuAD articles per
// language as Markdown books + long real books), asks every XQuAD question and our long-book
// questions through the bot's retriever in each mode, and prints recall@1, recall@5 and MRR
// per set and language, writing the table and the settings used to bench-results/eval.json.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { closeLogger } from "@ai-library/shared/logging";
import { retrievalSettingsFromConfig } from "@ai-library/shared/retrieval";
import { buildEvalLibrary } from "./library/build-eval-library.js";
import { EXTRA_DISTRACTORS, LONG_BOOKS, resolveCorpus, xquadPath } from "./library/corpus.js";
import { openEvalWorkspace } from "./library/eval-workspace.js";
import { methodSpecs, openMethod, SEARCH_K } from "./methods.js";
import { describeCommand, parseEvalOptions, UsageRequested } from "./options.js";
import { loadLongBookQuestions } from "./questions/long-book-questions.js";
import { xquadQuestions } from "./questions/xquad-questions.js";
import { measureMethods } from "./report/measure-methods.js";
import { printAndWrite } from "./report/print-and-write.js";
import { runSweep } from "./sweep.js";
import { loadXquad } from "./xquad/load-xquad.js";

const REPO_ROOT = resolve(import.meta.dirname, "../../..");

async function main(): Promise<void> {
  const options = parseEvalOptions(process.argv.slice(2), process.cwd());
  const corpus = resolveCorpus(options.corpus, REPO_ROOT);
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), "ai-library-eval-"));
  mkdirSync(workDir, { recursive: true });
  const { config, logger, embedder } = openEvalWorkspace(workDir);
  try {
    const articles = {
      en: loadXquad(xquadPath(corpus, "en")).slice(0, options.articles),
      ru: loadXquad(xquadPath(corpus, "ru")).slice(0, options.articles),
    };
    const books = options.noBooks ? [] : options.quick ? [...LONG_BOOKS] : [...LONG_BOOKS, ...EXTRA_DISTRACTORS];
    process.stdout.write(
      `Building the evaluation library in ${workDir} (${articles.en.length}+${articles.ru.length} articles, ${books.length} books)…\n`,
    );
    const library = await buildEvalLibrary({ corpus, config, logger, embedder, articles, books });
    process.stdout.write(`Ingested ${library.ingest.chunkCount} chunks in ${library.seconds.toFixed(1)} s\n`);
    const questions = [
      ...xquadQuestions("en", articles.en, library.articleFiles.en),
      ...xquadQuestions("ru", articles.ru, library.articleFiles.ru),
      ...(options.noBooks ? [] : loadLongBookQuestions(join(REPO_ROOT, "packages/eval/data/long-book-questions.json"))),
    ];
    const settings = retrievalSettingsFromConfig(config);
    const deps = { store: library.store, embedder, logger };
    const results = await measureMethods(methodSpecs(settings, options.baseline), questions, (spec) =>
      openMethod(spec, deps),
    );
    printAndWrite(options, {
      command: describeCommand(options),
      k: SEARCH_K,
      retrieval: settings,
      embedder: embedder.identity,
      chunking: { chunkSize: config.CHUNK_SIZE, chunkOverlap: config.CHUNK_OVERLAP },
      library: {
        books: library.ingest.outcomes.length,
        chunks: library.ingest.chunkCount,
        ingestSeconds: library.seconds,
      },
      results,
    });
    if (options.sweep)
      await runSweep({ store: library.store, embedder, logger, questions, base: settings, out: options.out });
  } finally {
    embedder.close();
    await closeLogger(logger);
    if (!options.workDir) rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof UsageRequested ? error.message : `eval failed: ${(error as Error).stack}`}\n`,
  );
  process.exitCode = error instanceof UsageRequested ? 0 : 1;
});
