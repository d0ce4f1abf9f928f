// The evaluation table as text: one row per method, recall@1 / recall@5 / MRR per group.
import type { Scores } from "../measure/score-method.js";

export interface MethodResult {
  name: string;
  description: string;
  scores: Record<string, Scores>;
  /** Mean wall time of one search, for orientation only (benchmarks measure latency). */
  meanQueryMs: number;
}

const f3 = (value: number) => value.toFixed(3);

export function formatTable(results: readonly MethodResult[]): string {
  const groups = [...new Set(results.flatMap((result) => Object.keys(result.scores)))];
  const nameWidth = Math.max(6, ...results.map((result) => result.name.length));
  const header = [
    "method".padEnd(nameWidth),
    ...groups.map((group) => {
      const n = results[0]?.scores[group]?.questions ?? 0;
      return `${group} (n=${n})`.padEnd(20);
    }),
  ].join(" | ");
  const sub = [" ".repeat(nameWidth), ...groups.map(() => "R@1   R@5   MRR   ".padEnd(20))].join(" | ");
  const rows = results.map((result) =>
    [
      result.name.padEnd(nameWidth),
      ...groups.map((group) => {
        const s = result.scores[group];
        return (s ? `${f3(s.recallAt1)} ${f3(s.recallAt5)} ${f3(s.mrr)}` : "-").padEnd(20);
      }),
    ].join(" | "),
  );
  return [header, sub, "-".repeat(header.length), ...rows].join("\n");
}

/** The same table in Markdown, for the README and docs. */
export function formatMarkdownTable(results: readonly MethodResult[]): string {
  const groups = [...new Set(results.flatMap((result) => Object.keys(result.scores)))];
  const head = `| method | ${groups.map((group) => `${group} R@1 / R@5 / MRR`).join(" | ")} |`;
  const rule = `|---|${groups.map(() => "---").join("|")}|`;
  const rows = results.map(
    (result) =>
      `| ${result.name} | ${groups
        .map((group) => {
          const s = result.scores[group];
          return s ? `${f3(s.recallAt1)} / ${f3(s.recallAt5)} / ${f3(s.mrr)}` : "-";
        })
        .join(" | ")} |`,
  );
  return [head, rule, ...rows].join("\n");
}
