// Runs the answer-level set through the bot's path, "hybrid (default)" retrieval then the
// extractive answerer, and scores it per group.
import type { Embedder } from "@ai-library/shared/embeddings";
import type { IndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import type { RetrievalSettings } from "@ai-library/shared/retrieval";
import { methodSpecs, openMethod, SEARCH_K } from "../methods.js";
import type { AnswerSetReport } from "../report/print-and-write.js";
import type { AnswerSetPlan } from "./answer-set-plan.js";
import { runAnswerSet } from "./run-answer-set.js";
import { scoreAnswersByGroup } from "./score-answers.js";

const BOT_METHOD = "hybrid (default)";

export async function measureAnswerSet(
  plan: AnswerSetPlan,
  settings: RetrievalSettings,
  deps: { store: IndexStore; embedder: Embedder; logger: Logger },
): Promise<AnswerSetReport> {
  const spec = methodSpecs(settings, false).find((candidate) => candidate.name === BOT_METHOD);
  if (!spec) throw new Error(`No "${BOT_METHOD}" retrieval method to answer with`);
  const method = await openMethod(spec, deps);
  try {
    const started = performance.now();
    const outcomes = await runAnswerSet(plan.answerable, plan.unanswerable, method.search);
    const perQuestion = (performance.now() - started) / Math.max(1, outcomes.length);
    process.stdout.write(`  answer set: ${outcomes.length} questions, ${perQuestion.toFixed(1)} ms per answer\n`);
    return {
      method: `${BOT_METHOD} retrieval, k=${SEARCH_K}, extractive answerer`,
      scores: scoreAnswersByGroup(outcomes),
      skippedQuestions: plan.skipped,
      outcomes,
    };
  } finally {
    method.close();
  }
}
