// The answer-level table (one row per group, targets beside the figures), its Markdown form,
// and the per-question misses that --verbose prints.
import { ANSWER_TARGETS, type AnswerOutcome, type AnswerScores, isAnswerMiss } from "./score-answers.js";

const f3 = (value: number | undefined) => (value === undefined ? "  -  " : value.toFixed(3));

const COLUMNS: { key: keyof AnswerScores; title: string; target: string }[] = [
  { key: "answerContains", title: "contains", target: `≥ ${ANSWER_TARGETS.answerContains}` },
  { key: "sourceRecallAt5", title: "src R@5", target: "" },
  { key: "falseNoAnswer", title: "false no-ans", target: `≤ ${ANSWER_TARGETS.falseNoAnswer}` },
  { key: "chapterCorrect", title: "chapter", target: `≥ ${ANSWER_TARGETS.chapterCorrect}` },
  { key: "firstChapterCorrect", title: "chapter [1]", target: "" },
  { key: "correctNoAnswer", title: "no-ans right", target: "" },
];

export function formatAnswerTable(scores: Record<string, AnswerScores>): string {
  const groupWidth = Math.max(20, ...Object.keys(scores).map((group) => group.length + 8));
  const header = ["group".padEnd(groupWidth), ...COLUMNS.map((column) => column.title.padEnd(12))].join(" | ");
  const targets = ["target".padEnd(groupWidth), ...COLUMNS.map((column) => column.target.padEnd(12))].join(" | ");
  const rows = Object.entries(scores).map(([group, s]) =>
    [`${group} (n=${s.questions})`.padEnd(groupWidth), ...COLUMNS.map((column) => f3(s[column.key]).padEnd(12))].join(
      " | ",
    ),
  );
  return [header, targets, "-".repeat(header.length), ...rows].join("\n");
}

export function formatAnswerMarkdown(scores: Record<string, AnswerScores>): string {
  const head = `| group | ${COLUMNS.map((column) => `${column.title}${column.target ? ` (${column.target})` : ""}`).join(" | ")} |`;
  const rule = `|---|${COLUMNS.map(() => "---").join("|")}|`;
  const rows = Object.entries(scores).map(
    ([group, s]) =>
      `| ${group} (n=${s.questions}) | ${COLUMNS.map((column) => f3(s[column.key]).trim()).join(" | ")} |`,
  );
  return [head, rule, ...rows].join("\n");
}

/** One row per retrieval method: the answer set over all questions (answers/all, no-answer/all). */
export function formatAnswerComparison(
  rows: readonly { method: string; scores: Record<string, AnswerScores> }[],
): string {
  const width = Math.max(20, ...rows.map((row) => row.method.length));
  const header = ["retrieval".padEnd(width), ...COLUMNS.map((column) => column.title.padEnd(12))].join(" | ");
  const lines = rows.map((row) => {
    // Answerable columns come from answers/all, "no-ans right" from no-answer/all.
    const value = (key: keyof AnswerScores) => row.scores["answers/all"]?.[key] ?? row.scores["no-answer/all"]?.[key];
    return [row.method.padEnd(width), ...COLUMNS.map((column) => f3(value(column.key)).padEnd(12))].join(" | ");
  });
  return [header, "-".repeat(header.length), ...lines].join("\n");
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function formatAnswerMisses(outcomes: readonly AnswerOutcome[]): string {
  const misses = outcomes.filter(isAnswerMiss);
  if (misses.length === 0) return "No answer-level misses.";
  return misses
    .map((o) => {
      if (!o.answerable)
        return `✗ ${o.id} [answered an unanswerable question] ${o.question}\n    said: ${oneLine(o.answerText, 300)}`;
      const failed = [
        o.notFound ? "no answer" : o.contains ? "" : "expect missing",
        o.sourceHit ? "" : "gold passage not in top 5",
        o.chapterHit ? "" : "wrong chapter",
      ].filter(Boolean);
      return [
        `✗ ${o.id} [${failed.join(", ")}] ${o.question}`,
        `    expect: ${o.expect}`,
        `    said:   ${oneLine(o.answerText, 300)}`,
        `    cited:  ${o.citedChapter ?? "(no source)"} — gold: ${o.gold}`,
      ].join("\n");
    })
    .join("\n");
}
