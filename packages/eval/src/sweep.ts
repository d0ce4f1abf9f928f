// `pnpm eval --sweep`: how the retrieval defaults were chosen. The same library and questions
// are searched with the defaults and with each second-pass signal (word pairs, book and
// neighbour evidence) off or changed one at a time, and with RM3 feedback and thesaurus
// synonyms at several weights; every variant is scored and the table is sorted by mean
// recall@1 over the question groups (then mean recall@5). Question vectors are computed once,
// searches call the bot's searchGeneration.
import { writeFileSync } from "node:fs";
import type { Embedder } from "@ai-library/shared/embeddings";
import type { IndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import {
  createLiveLibrary,
  type RetrievalSettings,
  searchGeneration,
  type Thesaurus,
} from "@ai-library/shared/retrieval";
import { firstHitRank } from "./measure/passage-hit.js";
import { groupOf, type QuestionOutcome, type Scores, scoreByGroup } from "./measure/score-method.js";
import { SEARCH_K } from "./methods.js";
import type { EvalQuestion } from "./questions/eval-question.js";

export interface SweepRequest {
  store: IndexStore;
  embedder: Embedder;
  logger: Logger;
  questions: readonly EvalQuestion[];
  base: RetrievalSettings;
  out: string;
  /** For the thesaurus variants; without it they search no synonyms. */
  thesaurus?: Thesaurus;
}

function variants(base: RetrievalSettings): RetrievalSettings[] {
  const hybrid = { ...base, mode: "hybrid" as const };
  // The configured defaults, each added signal switched off or changed one at a time, and
  // all of them off (the defaults before book, neighbour and word-pair evidence existed).
  return [
    hybrid,
    { ...hybrid, phraseWeight: 0 },
    { ...hybrid, phraseWeight: 1 },
    { ...hybrid, bookWeight: 0 },
    { ...hybrid, bookWeight: 0.5 },
    { ...hybrid, neighbourWeight: 0 },
    { ...hybrid, neighbourWeight: 0.3 },
    { ...hybrid, phraseWeight: 0, bookWeight: 0, neighbourWeight: 0 },
    // Query expansion (docs/retrieval.md): RM3 at Anserini's weight and lighter, synonyms at low weights.
    { ...hybrid, rm3Weight: 0.5 },
    { ...hybrid, rm3Weight: 0.3 },
    { ...hybrid, rm3Weight: 0.1 },
    { ...hybrid, thesaurusWeight: 0.1 },
    { ...hybrid, thesaurusWeight: 0.2 },
    { ...hybrid, thesaurusWeight: 0.4 },
  ];
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

export async function runSweep(request: SweepRequest): Promise<void> {
  const library = createLiveLibrary({ store: request.store, embedder: request.embedder, logger: request.logger });
  await library.reloadIfChanged();
  const vectors = await request.embedder.embedDocuments(request.questions.map((q) => q.question));
  const rows: { settings: RetrievalSettings; scores: Record<string, Scores>; r1: number; r5: number }[] = [];
  try {
    for (const settings of variants(request.base)) {
      const outcomes: QuestionOutcome[] = await library.withGeneration((generation) =>
        request.questions.map((question, index) => {
          const vector = vectors[index] ?? new Float32Array(generation.manifest.embedder.dims);
          const query = { text: question.question, vector };
          const passages = searchGeneration(generation, query, SEARCH_K, settings, request.thesaurus);
          return {
            id: question.id,
            group: groupOf(question),
            rank: firstHitRank(passages, question.file, question.expected),
          };
        }),
      );
      const scores = scoreByGroup(outcomes);
      const groups = Object.values(scores);
      rows.push({
        settings,
        scores,
        r1: mean(groups.map((s) => s.recallAt1)),
        r5: mean(groups.map((s) => s.recallAt5)),
      });
      process.stdout.write(".");
    }
  } finally {
    library.close();
  }
  rows.sort((a, b) => b.r1 - a.r1 || b.r5 - a.r5);
  process.stdout.write(
    "\n\nSweep (best first): vector proximity phrase book neighbour rm3 thesaurus | mean R@1 mean R@5 | per group R@1/R@5\n",
  );
  for (const row of rows) {
    const { vectorWeight, proximityWeight, phraseWeight, bookWeight, neighbourWeight } = row.settings;
    const { rm3Weight, thesaurusWeight } = row.settings;
    const weights = [
      vectorWeight,
      proximityWeight,
      phraseWeight,
      bookWeight,
      neighbourWeight,
      rm3Weight,
      thesaurusWeight,
    ];
    const groups = Object.entries(row.scores)
      .map(([group, s]) => `${group} ${s.recallAt1.toFixed(3)}/${s.recallAt5.toFixed(3)}`)
      .join("  ");
    process.stdout.write(
      `  ${weights.map((value) => String(value).padEnd(4)).join(" ")} | ${row.r1.toFixed(4)} ${row.r5.toFixed(4)} | ${groups}\n`,
    );
  }
  const sweepOut = request.out.replace(/\.json$/, "-sweep.json");
  writeFileSync(sweepOut, `${JSON.stringify({ at: new Date().toISOString(), rows }, null, 2)}\n`);
  process.stdout.write(`Sweep written to ${sweepOut}\n`);
}
