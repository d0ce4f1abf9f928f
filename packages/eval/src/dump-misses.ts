// `pnpm exec tsx packages/eval/src/dump-misses.ts --work-dir <dir> [--set xquad|long-books]
// [--quiet]`: a development aid for studying retrieval failures. It
// reuses a library that `pnpm eval --work-dir <dir>` already built (no ingest), asks every
// question with the configured retriever and prints, for each question without a hit in the
// top 5, where its gold chunk stood in the keyword and vector candidate lists and what was
// returned instead. Nothing is written; figures for the README come from `pnpm eval`.
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { keywordTerms, type LoadedGeneration, openIndexStore } from "@ai-library/shared/index";
import { closeLogger } from "@ai-library/shared/logging";
import { createLiveLibrary, retrievalSettingsFromConfig, searchGeneration } from "@ai-library/shared/retrieval";
import { resolveCorpus, xquadPath } from "./library/corpus.js";
import { openEvalWorkspace } from "./library/eval-workspace.js";
import { comparableWords, firstHitRank } from "./measure/passage-hit.js";
import { groupOf, type QuestionOutcome, scoreByGroup } from "./measure/score-method.js";
import { SEARCH_K } from "./methods.js";
import type { EvalQuestion } from "./questions/eval-question.js";
import { loadLongBookQuestions } from "./questions/long-book-questions.js";
import { xquadQuestions } from "./questions/xquad-questions.js";
import { loadXquad } from "./xquad/load-xquad.js";
import { articleFileName } from "./xquad/render-article.js";

const REPO_ROOT = resolve(import.meta.dirname, "../../..");
/** How deep the candidate lists are searched for the gold chunk. */
const DEPTH = 300;

function goldLabels(generation: LoadedGeneration, question: EvalQuestion): number[] {
  const book = generation.manifest.books.find((entry) => entry.file === question.file);
  if (!book) return [];
  const expected = comparableWords(question.expected);
  return generation
    .chunksOfBook(book.bookId)
    .filter((chunk) => comparableWords(chunk.text).includes(expected))
    .map((chunk) => book.firstLabel + chunk.position);
}

function rankIn(list: readonly { label: number }[], gold: readonly number[]): string {
  const index = list.findIndex((hit) => gold.includes(hit.label));
  return index < 0 ? `>${list.length}` : String(index + 1);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      "work-dir": { type: "string" },
      set: { type: "string" },
      articles: { type: "string" },
      quiet: { type: "boolean", default: false },
    },
  });
  if (!values["work-dir"]) throw new Error("usage: dump-misses --work-dir <dir> [--set xquad|long-books] [--quiet]");
  const workDir = resolve(values["work-dir"]);
  const { config, logger, embedder } = openEvalWorkspace(workDir);
  const corpus = resolveCorpus(undefined, REPO_ROOT);
  const library = createLiveLibrary({ store: openIndexStore(config.INDEX_DIR), embedder, logger });
  try {
    await library.reloadIfChanged();
    const settings = retrievalSettingsFromConfig(config);
    process.stdout.write(`settings ${JSON.stringify(settings)}\n`);
    const articleCount = Number.parseInt(values.articles ?? "48", 10);
    const questions: EvalQuestion[] = [];
    for (const lang of ["en", "ru"] as const) {
      const articles = loadXquad(xquadPath(corpus, lang)).slice(0, articleCount);
      const files = articles.map((article, index) => `xquad-${lang}/${articleFileName(index, article.title)}`);
      questions.push(...xquadQuestions(lang, articles, files));
    }
    questions.push(...loadLongBookQuestions(join(REPO_ROOT, "packages/eval/data/long-book-questions.json")));
    const present = await library.withGeneration((g) => new Set(g.manifest.books.map((b) => b.file)));
    const asked = questions.filter((q) => present.has(q.file) && (!values.set || q.set === values.set));
    const vectors = await embedder.embedDocuments(asked.map((q) => q.question));
    const outcomes: QuestionOutcome[] = await library.withGeneration((generation) =>
      asked.map((question, index) => {
        const vector = vectors[index] ?? new Float32Array(generation.manifest.embedder.dims);
        const passages = searchGeneration(generation, { text: question.question, vector }, SEARCH_K, settings);
        const rank = firstHitRank(passages, question.file, question.expected);
        if (rank === undefined && !values.quiet) {
          const gold = goldLabels(generation, question);
          const terms = keywordTerms(question.question);
          const keyword = generation.keywordCandidates(terms, DEPTH);
          const dense = generation.vectorCandidates(vector, DEPTH);
          const wide = searchGeneration(generation, { text: question.question, vector }, 30, settings);
          const wideRank = firstHitRank(wide, question.file, question.expected);
          process.stdout.write(
            `\nMISS ${question.id} [${groupOf(question)}] ${question.question}\n` +
              `  expected: ${question.expected}\n  terms: ${terms.join(" ")}\n` +
              `  gold chunks: ${gold.join(",") || "none (answer not in any single chunk)"}; ` +
              `keyword rank ${rankIn(keyword, gold)}, vector rank ${rankIn(dense, gold)}, hybrid@30 rank ${wideRank ?? ">30"}\n`,
          );
          for (const passage of passages.slice(0, 3)) {
            process.stdout.write(`  got ${passage.file}: ${passage.text.slice(0, 160).replace(/\s+/g, " ")}\n`);
          }
          const goldChunk = gold[0] === undefined ? undefined : generation.chunksByLabel([gold[0]]).get(gold[0]);
          if (goldChunk) process.stdout.write(`  gold text: ${goldChunk.text.slice(0, 300).replace(/\s+/g, " ")}\n`);
        }
        return { id: question.id, group: groupOf(question), rank };
      }),
    );
    process.stdout.write("\n");
    for (const [group, scores] of Object.entries(scoreByGroup(outcomes))) {
      process.stdout.write(
        `${group.padEnd(16)} n=${String(scores.questions).padEnd(5)} R@1 ${scores.recallAt1.toFixed(3)}  R@5 ${scores.recallAt5.toFixed(3)}  MRR ${scores.mrr.toFixed(3)}  misses ${outcomes.filter((o) => o.group === group && o.rank === undefined).length}\n`,
      );
    }
  } finally {
    library.close();
    embedder.close();
    await closeLogger(logger);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`dump-misses failed: ${(error as Error).stack}\n`);
  process.exitCode = 1;
});
