// Runs all questions through each method in turn (one method open at a time) and scores it.

import { type QuestionOutcome, runQuestions, scoreByGroup } from "../measure/score-method.js";
import type { MethodSpec, OpenMethod } from "../methods.js";
import type { EvalQuestion } from "../questions/eval-question.js";
import type { MethodResult } from "./format-table.js";

export interface MeasuredMethod extends MethodResult {
  /** Ids of questions with no hit in the top 5, for inspecting failures. */
  misses: string[];
}

export async function measureMethods(
  specs: readonly MethodSpec[],
  questions: readonly EvalQuestion[],
  open: (spec: MethodSpec) => Promise<OpenMethod>,
): Promise<MeasuredMethod[]> {
  const results: MeasuredMethod[] = [];
  for (const spec of specs) {
    const method = await open(spec);
    try {
      const started = performance.now();
      const outcomes: QuestionOutcome[] = await runQuestions(questions, method.search);
      const meanQueryMs = (performance.now() - started) / Math.max(1, questions.length);
      results.push({
        name: spec.name,
        description: spec.description,
        scores: scoreByGroup(outcomes),
        meanQueryMs,
        misses: outcomes.filter((outcome) => outcome.rank === undefined).map((outcome) => outcome.id),
      });
      process.stdout.write(`  ${spec.name}: ${questions.length} questions, ${meanQueryMs.toFixed(1)} ms per search\n`);
    } finally {
      method.close();
    }
  }
  return results;
}
