// Prints the evaluation tables (retrieval, and the answer-level set when it ran) and writes
// them, with every setting that produced them, as JSON.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname } from "node:path";
import type { EmbedderIdentity } from "@ai-library/shared/embeddings";
import type { RetrievalSettings } from "@ai-library/shared/retrieval";
import {
  formatAnswerComparison,
  formatAnswerMarkdown,
  formatAnswerMisses,
  formatAnswerTable,
} from "../answers/format-answer-table.js";
import type { AnswerOutcome, AnswerScores } from "../answers/score-answers.js";
import type { EvalOptions } from "../options.js";
import { formatMarkdownTable, formatTable } from "./format-table.js";
import type { MeasuredMethod } from "./measure-methods.js";

export interface EvalRun {
  command: string;
  k: number;
  retrieval: RetrievalSettings;
  embedder: EmbedderIdentity;
  chunking: { chunkSize: number; chunkOverlap: number };
  library: { books: number; chunks: number; ingestSeconds: number };
  results: MeasuredMethod[];
  answers?: AnswerSetReport;
  /** The answer set with the default retriever and each query-expansion method (all questions). */
  answersByMethod?: { method: string; scores: Record<string, AnswerScores> }[];
}

export interface AnswerSetReport {
  /** How the answers were made: retriever and answerer. */
  method: string;
  scores: Record<string, AnswerScores>;
  /** Answerable questions left out because their (Debian) book could not be fetched. */
  skippedQuestions: number;
  outcomes: AnswerOutcome[];
}

export function printAndWrite(options: EvalOptions, run: EvalRun): void {
  const machine = `${cpus().length} cores, Node ${process.version}`;
  process.stdout.write(`\n## ${run.command} — ${new Date().toISOString()} — ${machine}\n`);
  process.stdout.write(
    `library: ${run.library.books} books, ${run.library.chunks} chunks; embedder ${run.embedder.provider}:${run.embedder.model}:${run.embedder.dims}; ` +
      `chunks ${run.chunking.chunkSize}/${run.chunking.chunkOverlap}; k=${run.k}\n`,
  );
  process.stdout.write(`retrieval settings: ${JSON.stringify(run.retrieval)}\n\n`);
  if (run.results.length > 0) process.stdout.write(`${formatTable(run.results)}\n\n`);
  if (run.answers) {
    process.stdout.write(`Answer-level set — ${run.answers.method}\n${formatAnswerTable(run.answers.scores)}\n`);
    if (run.answers.skippedQuestions > 0)
      process.stdout.write(`(${run.answers.skippedQuestions} questions about Debian books left out: not fetched)\n`);
    if (options.verbose) process.stdout.write(`\n${formatAnswerMisses(run.answers.outcomes)}\n`);
    process.stdout.write("\n");
  }
  if (run.answersByMethod) {
    process.stdout.write(`Answer-level set by retrieval method\n${formatAnswerComparison(run.answersByMethod)}\n\n`);
  }
  mkdirSync(dirname(options.out), { recursive: true });
  const markdown = run.results.length > 0 ? formatMarkdownTable(run.results) : undefined;
  const answersMarkdown = run.answers ? formatAnswerMarkdown(run.answers.scores) : undefined;
  writeFileSync(
    options.out,
    `${JSON.stringify({ ...run, at: new Date().toISOString(), machine, markdown, answersMarkdown }, null, 2)}\n`,
  );
  process.stdout.write(`Written to ${options.out}\n`);
}
