// Runs the answer-level set through the bot's path, "hybrid (default)" retrieval then the
// extractive answerer, and scores it per group; and, for comparison, through other retrieval
// methods (the query-expansion rows of methods.ts).
import type { RetrievalSettings } from "@ai-library/shared/retrieval";
import { type MethodDeps, type MethodSpec, methodSpecs, openMethod, SEARCH_K } from "../methods.js";
import type { AnswerSetReport } from "../report/print-and-write.js";
import type { AnswerSetPlan } from "./answer-set-plan.js";
import { runAnswerSet } from "./run-answer-set.js";
import { type AnswerOutcome, type AnswerScores, scoreAnswersByGroup } from "./score-answers.js";

const BOT_METHOD = "hybrid (default)";

async function answerWith(plan: AnswerSetPlan, spec: MethodSpec, deps: MethodDeps): Promise<AnswerOutcome[]> {
  const method = await openMethod(spec, deps);
  try {
    const started = performance.now();
    const outcomes = await runAnswerSet(plan.answerable, plan.unanswerable, method.search);
    const perQuestion = (performance.now() - started) / Math.max(1, outcomes.length);
    process.stdout.write(
      `  answer set, ${spec.name}: ${outcomes.length} questions, ${perQuestion.toFixed(1)} ms per answer\n`,
    );
    return outcomes;
  } finally {
    method.close();
  }
}

export async function measureAnswerSet(
  plan: AnswerSetPlan,
  settings: RetrievalSettings,
  deps: MethodDeps,
): Promise<AnswerSetReport> {
  const spec = methodSpecs(settings, false).find((candidate) => candidate.name === BOT_METHOD);
  if (!spec) throw new Error(`No "${BOT_METHOD}" retrieval method to answer with`);
  const outcomes = await answerWith(plan, spec, deps);
  return {
    method: `${BOT_METHOD} retrieval, k=${SEARCH_K}, extractive answerer`,
    scores: scoreAnswersByGroup(outcomes),
    skippedQuestions: plan.skipped,
    outcomes,
  };
}

/** The answer set's scores with each of `specs` as the retriever (same answerer). */
export async function answerSetByMethod(
  plan: AnswerSetPlan,
  specs: readonly MethodSpec[],
  deps: MethodDeps,
): Promise<{ method: string; scores: Record<string, AnswerScores> }[]> {
  const rows: { method: string; scores: Record<string, AnswerScores> }[] = [];
  for (const spec of specs)
    rows.push({ method: spec.name, scores: scoreAnswersByGroup(await answerWith(plan, spec, deps)) });
  return rows;
}
