// `pnpm eval`: builds a library through the real ingest pipeline (48 XQuAD articles per
// language as Markdown books + long real books + the Debian documentation books), asks every
// XQuAD question, our long-book questions and our different-words questions through the bot's
// retriever in each mode, and prints recall@1, recall@5 and MRR per set and language; then
// asks the answer-level set the bot's way (retriever + extractive answerer) and scores the
// answers themselves, with the default retriever and (full run) with each query expansion. Tables and
// settings go to bench-results/eval.json. `--answers-only` builds just the answer set's books;
// `--dialogues` just the dialogue set's, and plays its conversations (dialogues/).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { closeLogger } from "@ai-library/shared/logging";
import { DEBIAN_THESAURUS_FILES, loadThesaurus, retrievalSettingsFromConfig } from "@ai-library/shared/retrieval";
import { loadAnswerQuestions } from "./answers/answer-questions.js";
import { planAnswerSet } from "./answers/answer-set-plan.js";
import { answerSetByMethod, measureAnswerSet } from "./answers/measure-answer-set.js";
import { loadDialogues } from "./dialogues/dialogue-questions.js";
import { measureDialogues } from "./dialogues/measure-dialogues.js";
import { planDialogueSet } from "./dialogues/plan-dialogue-set.js";
import { writeDialogueReport } from "./dialogues/write-dialogue-report.js";
import { buildEvalLibrary } from "./library/build-eval-library.js";
import { EXTRA_DISTRACTORS, LONG_BOOKS, resolveCorpus, xquadPath } from "./library/corpus.js";
import { defaultEvalBooksDir, ensureDebianBooks } from "./library/debian-books.js";
import { type EvalWorkspace, openEvalWorkspace } from "./library/eval-workspace.js";
import { expansionSpecs, type MethodDeps, methodSpecs, needsThesaurus, openMethod, SEARCH_K } from "./methods.js";
import { describeCommand, type EvalOptions, parseEvalOptions, UsageRequested } from "./options.js";
import { loadDifferentWordsQuestions } from "./questions/different-words-questions.js";
import { loadLongBookQuestions } from "./questions/long-book-questions.js";
import { xquadQuestions } from "./questions/xquad-questions.js";
import { measureMethods } from "./report/measure-methods.js";
import { printAndWrite } from "./report/print-and-write.js";
import { runSweep } from "./sweep.js";
import { loadXquad } from "./xquad/load-xquad.js";

const REPO_ROOT = resolve(import.meta.dirname, "../../..");
const ANSWER_QUESTIONS = join(REPO_ROOT, "packages/eval/data/answer-questions.json");
const DIFFERENT_WORDS_QUESTIONS = join(REPO_ROOT, "packages/eval/data/different-words-questions.json");
const DIALOGUE_QUESTIONS = join(REPO_ROOT, "packages/eval/data/dialogue-questions.json");

/** Progress lines: stdout, or stderr when stdout carries the JSON (--json). */
let progress = (line: string) => process.stdout.write(`${line}\n`);

/** The Debian books' cache folder and the books in it, fetching missing ones first. */
function debianBooks(evalBooks: string | undefined): { dir: string; available: Set<string> } {
  const dir = evalBooks ?? defaultEvalBooksDir(process.env);
  return { dir, available: ensureDebianBooks(dir, REPO_ROOT, progress) };
}

/** `--dialogues`: the dialogue set's books only, every dialogue played alone and with memory. */
async function runDialogues(options: EvalOptions, corpus: string, workspace: EvalWorkspace): Promise<void> {
  const { config, logger, embedder } = workspace;
  const debian = debianBooks(options.evalBooks);
  const plan = planDialogueSet(loadDialogues(DIALOGUE_QUESTIONS), debian.dir, debian.available);
  progress(
    `Building the dialogue library in ${dirname(config.BOOKS_DIR)} (${plan.corpusBooks.length + plan.extraBooks.length} books)…`,
  );
  const articles = { en: [], ru: [] };
  const library = await buildEvalLibrary({
    corpus,
    config,
    logger,
    embedder,
    articles,
    books: plan.corpusBooks,
    extraBooks: plan.extraBooks,
  });
  progress(`Ingested ${library.ingest.chunkCount} chunks in ${library.seconds.toFixed(1)} s`);
  const settings = retrievalSettingsFromConfig(config);
  const dialogues = await measureDialogues(plan, { store: library.store, embedder, logger, settings });
  writeDialogueReport(options, {
    command: describeCommand(options),
    retrieval: settings,
    embedder: embedder.identity,
    library: {
      books: library.ingest.outcomes.length,
      chunks: library.ingest.chunkCount,
      ingestSeconds: library.seconds,
    },
    dialogues,
  });
}

async function main(): Promise<void> {
  const options = parseEvalOptions(process.argv.slice(2), process.cwd());
  if (options.json) progress = (line) => process.stderr.write(`${line}\n`);
  const corpus = resolveCorpus(options.corpus, REPO_ROOT);
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), "ai-library-eval-"));
  mkdirSync(workDir, { recursive: true });
  const workspace = openEvalWorkspace(workDir);
  const { config, logger, embedder } = workspace;
  try {
    if (options.dialogues) {
      await runDialogues(options, corpus, workspace);
      return;
    }
    const xquad = !options.answersOnly;
    const articles = {
      en: xquad ? loadXquad(xquadPath(corpus, "en")).slice(0, options.articles) : [],
      ru: xquad ? loadXquad(xquadPath(corpus, "ru")).slice(0, options.articles) : [],
    };
    const debian = options.noBooks ? undefined : debianBooks(options.evalBooks);
    const answers = debian && planAnswerSet(loadAnswerQuestions(ANSWER_QUESTIONS), debian.dir, debian.available);
    const differentWords =
      debian && xquad
        ? loadDifferentWordsQuestions(DIFFERENT_WORDS_QUESTIONS, debian.dir, debian.available)
        : undefined;
    const retrievalBooks =
      options.noBooks || options.answersOnly
        ? []
        : options.quick
          ? [...LONG_BOOKS]
          : [...LONG_BOOKS, ...EXTRA_DISTRACTORS];
    const books = [
      ...new Set([...retrievalBooks, ...(answers?.corpusBooks ?? []), ...(differentWords?.corpusBooks ?? [])]),
    ];
    const extraBooks = [
      ...new Map(
        [...(answers?.extraBooks ?? []), ...(differentWords?.extraBooks ?? [])].map((book) => [book.file, book]),
      ).values(),
    ];
    progress(
      `Building the evaluation library in ${workDir} (${articles.en.length}+${articles.ru.length} articles, ${books.length + extraBooks.length} books)…`,
    );
    const library = await buildEvalLibrary({ corpus, config, logger, embedder, articles, books, extraBooks });
    progress(`Ingested ${library.ingest.chunkCount} chunks in ${library.seconds.toFixed(1)} s`);
    const questions = xquad
      ? [
          ...xquadQuestions("en", articles.en, library.articleFiles.en),
          ...xquadQuestions("ru", articles.ru, library.articleFiles.ru),
          ...(options.noBooks
            ? []
            : loadLongBookQuestions(join(REPO_ROOT, "packages/eval/data/long-book-questions.json"))),
          ...(differentWords?.questions ?? []),
        ]
      : [];
    if (differentWords && differentWords.skipped > 0)
      progress(`(${differentWords.skipped} different-words questions left out: Debian book not fetched)`);
    const settings = retrievalSettingsFromConfig(config);
    const specs = methodSpecs(settings, options.baseline);
    // The answer set with each query expansion too, in the full run only: --answers-only stays quick.
    const expansions = xquad ? expansionSpecs(settings) : [];
    const running = [...(questions.length > 0 ? specs : []), ...(answers ? expansions : [])];
    // Read once, before any search, as a process that searches with synonyms would at start.
    const thesaurus =
      needsThesaurus(running) || (options.sweep && xquad) ? loadThesaurus(DEBIAN_THESAURUS_FILES, logger) : undefined;
    if (thesaurus?.size === 0)
      progress("(no thesaurus: apt-get install wordnet-base mythes-ru; the thesaurus rows search no synonyms)");
    const deps: MethodDeps = { store: library.store, embedder, logger, ...(thesaurus ? { thesaurus } : {}) };
    const results =
      questions.length > 0 ? await measureMethods(specs, questions, (spec) => openMethod(spec, deps)) : [];
    const answerReport = answers ? await measureAnswerSet(answers, settings, deps) : undefined;
    const answersByMethod =
      answerReport && answers && expansions.length > 0 ? await answerSetByMethod(answers, expansions, deps) : undefined;
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
      ...(answerReport && answersByMethod
        ? {
            answersByMethod: [{ method: "hybrid (default)", scores: answerReport.scores }, ...answersByMethod],
          }
        : {}),
    });
    if (options.sweep && xquad) await runSweep({ ...deps, questions, base: settings, out: options.out });
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
