// `pnpm eval`: builds a library through the real ingest pipeline (48 XQuAD articles per
// language as Markdown books + long real books + the Debian documentation books), asks every
// XQuAD question and our long-book questions through the bot's retriever in each mode, and
// prints recall@1, recall@5 and MRR per set and language; then asks the answer-level set the
// bot's way (retriever + extractive answerer) and scores the answers themselves. Tables and
// settings go to bench-results/eval.json. `--answers-only` builds just the answer set's books.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { closeLogger } from "@ai-library/shared/logging";
import { retrievalSettingsFromConfig } from "@ai-library/shared/retrieval";
import { loadAnswerQuestions } from "./answers/answer-questions.js";
import { type AnswerSetPlan, planAnswerSet } from "./answers/answer-set-plan.js";
import { measureAnswerSet } from "./answers/measure-answer-set.js";
import { buildEvalLibrary } from "./library/build-eval-library.js";
import { EXTRA_DISTRACTORS, LONG_BOOKS, resolveCorpus, xquadPath } from "./library/corpus.js";
import { defaultEvalBooksDir, ensureDebianBooks } from "./library/debian-books.js";
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
const ANSWER_QUESTIONS = join(REPO_ROOT, "packages/eval/data/answer-questions.json");

function planAnswers(evalBooks: string | undefined): AnswerSetPlan {
  const dir = evalBooks ?? defaultEvalBooksDir(process.env);
  const available = ensureDebianBooks(dir, REPO_ROOT, (line) => process.stdout.write(`${line}\n`));
  return planAnswerSet(loadAnswerQuestions(ANSWER_QUESTIONS), dir, available);
}

async function main(): Promise<void> {
  const options = parseEvalOptions(process.argv.slice(2), process.cwd());
  const corpus = resolveCorpus(options.corpus, REPO_ROOT);
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), "ai-library-eval-"));
  mkdirSync(workDir, { recursive: true });
  const { config, logger, embedder } = openEvalWorkspace(workDir);
  try {
    const xquad = !options.answersOnly;
    const articles = {
      en: xquad ? loadXquad(xquadPath(corpus, "en")).slice(0, options.articles) : [],
      ru: xquad ? loadXquad(xquadPath(corpus, "ru")).slice(0, options.articles) : [],
    };
    const answers = options.noBooks ? undefined : planAnswers(options.evalBooks);
    const retrievalBooks =
      options.noBooks || options.answersOnly
        ? []
        : options.quick
          ? [...LONG_BOOKS]
          : [...LONG_BOOKS, ...EXTRA_DISTRACTORS];
    const books = [...new Set([...retrievalBooks, ...(answers?.corpusBooks ?? [])])];
    const extraBooks = answers?.extraBooks ?? [];
    process.stdout.write(
      `Building the evaluation library in ${workDir} (${articles.en.length}+${articles.ru.length} articles, ${books.length + extraBooks.length} books)…\n`,
    );
    const library = await buildEvalLibrary({ corpus, config, logger, embedder, articles, books, extraBooks });
    process.stdout.write(`Ingested ${library.ingest.chunkCount} chunks in ${library.seconds.toFixed(1)} s\n`);
    const questions = xquad
      ? [
          ...xquadQuestions("en", articles.en, library.articleFiles.en),
          ...xquadQuestions("ru", articles.ru, library.articleFiles.ru),
          ...(options.noBooks
            ? []
            : loadLongBookQuestions(join(REPO_ROOT, "packages/eval/data/long-book-questions.json"))),
        ]
      : [];
    const settings = retrievalSettingsFromConfig(config);
    const deps = { store: library.store, embedder, logger };
    const results =
      questions.length > 0
        ? await measureMethods(methodSpecs(settings, options.baseline), questions, (spec) => openMethod(spec, deps))
        : [];
    const answerReport = answers ? await measureAnswerSet(answers, settings, deps) : undefined;
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
      ...(answerReport ? { answers: answerReport } : {}),
    });
    if (options.sweep && xquad)
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
