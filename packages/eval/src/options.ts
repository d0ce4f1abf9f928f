// Command-line options of `pnpm eval`.
import { resolve } from "node:path";
import { parseArgs } from "node:util";

export interface EvalOptions {
  quick: boolean;
  sweep: boolean;
  /** Also run the MiniSearch BM25 baseline (slow: fuzzy matching, ~0.1–0.2 s per question). */
  baseline: boolean;
  /** XQuAD articles per language (48 = all). */
  articles: number;
  /** Leave out the real books and the long-book questions (a smoke run of the harness). */
  noBooks: boolean;
  /** Only the answer-level set: its books alone, no XQuAD and no retrieval table (development). */
  answersOnly: boolean;
  /** Only the dialogue set: follow-ups and topic changes, last turn alone and with memory. */
  dialogues: boolean;
  /** With --dialogues: print the run as JSON on stdout (progress goes to stderr) instead of the table. */
  json: boolean;
  /** Print each answer-level miss: question, expected text, what the answer said, cited chapter. */
  verbose: boolean;
  /** Where the Debian books are cached (default: see library/debian-books.ts). */
  evalBooks: string | undefined;
  corpus: string | undefined;
  /** Keep the library here (re-runs reuse unchanged books); default: a temp dir, removed after. */
  workDir: string | undefined;
  out: string;
}

export const USAGE = `pnpm eval [--quick] [--answers-only | --dialogues] [--json] [--verbose] [--baseline] [--sweep] [--corpus <shared/corpus>] [--eval-books <dir>] [--work-dir <dir>] [--out <file.json>]
  --answers-only  only the answer-level set over its own books (~1–2 min): answer contains the
                  expected text, source recall@5, false / correct "no answer", chapter cited
  --dialogues  only the dialogue set over its own books (~1–2 min): the last turn of 2–3-turn
                  follow-ups and of topic changes, answer contains the expected text and source
                  recall@5, alone and with conversation memory (docs/bot.md, «Уточняющие вопросы»)
  --json      with --dialogues: print the run as JSON on stdout instead of the table (progress to stderr)
  --verbose   print every answer-level miss (question, expected text, what the answer said, chapter);
              with --dialogues, every dialogue and what a missed one said
  --quick     12 XQuAD articles per language and only the long-book books (development)
  --baseline  also run plain BM25 with MiniSearch (fuzzy + prefix), the figure the issue started from
  --articles  XQuAD articles per language (default 48, 12 with --quick)
  --no-books  no real books and no long-book questions (a smoke run of the harness itself)
  --sweep     also try fusion weights and query expansion (RM3, thesaurus) on the same library (how defaults were chosen)
  --eval-books  cache of the Debian books (default \${XDG_CACHE_HOME:-~/.cache}/ai-library/eval-books;
              fetched by scripts/fetch-eval-books.sh when missing)
  --work-dir  keep the built library there; a re-run re-ingests only what changed
  --out       where the JSON goes (default bench-results/eval.json; eval-quick.json with --quick,
              eval-answers.json with --answers-only, eval-dialogues.json with --dialogues)`;

export function parseEvalOptions(argv: string[], cwd: string): EvalOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      sweep: { type: "boolean", default: false },
      baseline: { type: "boolean", default: false },
      articles: { type: "string" },
      "no-books": { type: "boolean", default: false },
      "answers-only": { type: "boolean", default: false },
      dialogues: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      "eval-books": { type: "string" },
      corpus: { type: "string" },
      "work-dir": { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) throw new UsageRequested();
  const quick = values.quick ?? false;
  const articles = values.articles === undefined ? (quick ? 12 : 48) : Number.parseInt(values.articles, 10);
  if (!Number.isInteger(articles) || articles < 1 || articles > 48) throw new Error("--articles must be 1 to 48");
  const answersOnly = values["answers-only"] ?? false;
  const dialogues = values.dialogues ?? false;
  if (answersOnly && values["no-books"]) throw new Error("--answers-only needs books; leave out --no-books");
  if (dialogues && (answersOnly || values["no-books"]))
    throw new Error("--dialogues runs the dialogue set alone; leave out --answers-only and --no-books");
  if (values.json && !dialogues) throw new Error("--json prints the dialogue run; use it with --dialogues");
  const defaultOut = dialogues ? "eval-dialogues" : answersOnly ? "eval-answers" : quick ? "eval-quick" : "eval";
  return {
    quick,
    answersOnly,
    dialogues,
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    evalBooks: values["eval-books"] ? resolve(cwd, values["eval-books"]) : undefined,
    sweep: values.sweep ?? false,
    baseline: values.baseline ?? false,
    articles,
    noBooks: values["no-books"] ?? false,
    corpus: values.corpus,
    workDir: values["work-dir"] ? resolve(cwd, values["work-dir"]) : undefined,
    out: resolve(cwd, values.out ?? `bench-results/${defaultOut}.json`),
  };
}

export class UsageRequested extends Error {
  constructor() {
    super(USAGE);
    this.name = "UsageRequested";
  }
}

/** The command that reproduces a run's figures (paths left out: they do not change them). */
export function describeCommand(options: EvalOptions): string {
  const flags = [
    options.quick ? "--quick" : "",
    options.answersOnly ? "--answers-only" : "",
    options.dialogues ? "--dialogues" : "",
    options.baseline ? "--baseline" : "",
    options.articles !== (options.quick ? 12 : 48) ? `--articles ${options.articles}` : "",
    options.noBooks ? "--no-books" : "",
  ].filter(Boolean);
  return ["pnpm eval", ...flags].join(" ");
}
