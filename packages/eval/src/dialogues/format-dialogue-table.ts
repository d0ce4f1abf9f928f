// The dialogue table (one row per group: last turn alone, with memory, and as the standalone
// question) and the per-dialogue lines that --verbose prints (contains/R@5 for each).
import type { DialogueOutcome } from "./play-dialogue.js";
import type { DialogueScores } from "./score-dialogues.js";

const f3 = (value: number) => value.toFixed(3);
const points = (value: number) => `${value >= 0 ? "+" : ""}${Math.round(value * 100)}`;
const maybe = (value: number | undefined) => (value === undefined ? "  -  " : f3(value));

export function formatDialogueTable(scores: Record<string, DialogueScores>): string {
  const width = Math.max(24, ...Object.keys(scores).map((group) => group.length + 8));
  const header = [
    "last turn".padEnd(width),
    "contains alone",
    "with memory",
    "points",
    "R@5 alone",
    "with memory",
    "context used",
    "standalone: contains",
    "R@5",
  ].join(" | ");
  const rows = Object.entries(scores).map(([group, s]) =>
    [
      `${group} (n=${s.dialogues})`.padEnd(width),
      f3(s.containsAlone).padEnd(14),
      f3(s.containsWithMemory).padEnd(11),
      points(s.containsWithMemory - s.containsAlone).padEnd(6),
      f3(s.recallAt5Alone).padEnd(9),
      f3(s.recallAt5WithMemory).padEnd(11),
      f3(s.usedContext).padEnd(12),
      maybe(s.containsStandalone).padEnd(21),
      maybe(s.recallAt5Standalone),
    ].join(" | "),
  );
  return [header, "-".repeat(header.length), ...rows].join("\n");
}

export function formatDialogueMarkdown(scores: Record<string, DialogueScores>): string {
  const head =
    "| last turn | contains alone | with memory | points | R@5 alone | R@5 with memory | context used | standalone: contains | standalone: R@5 |";
  const rule = "|---|---|---|---|---|---|---|---|---|";
  const rows = Object.entries(scores).map(
    ([group, s]) =>
      `| ${group} (n=${s.dialogues}) | ${f3(s.containsAlone)} | ${f3(s.containsWithMemory)} | ${points(s.containsWithMemory - s.containsAlone)} | ${f3(s.recallAt5Alone)} | ${f3(s.recallAt5WithMemory)} | ${f3(s.usedContext)} | ${maybe(s.containsStandalone).trim()} | ${maybe(s.recallAt5Standalone).trim()} |`,
  );
  return [head, rule, ...rows].join("\n");
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const mark = (hit: boolean) => (hit ? "yes" : "no ");

export function formatDialogueLines(outcomes: readonly DialogueOutcome[]): string {
  return outcomes
    .map((o) => {
      const standalone = o.standalone
        ? `  standalone ${mark(o.standalone.contains)}/${mark(o.standalone.sourceHit)}`
        : "";
      const line = `${o.kind === "follow-up" ? "F" : "T"} ${o.id.padEnd(30)} alone ${mark(o.alone.contains)}/${mark(o.alone.sourceHit)}  memory ${mark(o.withMemory.contains)}/${mark(o.withMemory.sourceHit)}${standalone}  ${o.context !== undefined ? `context: ${o.context}` : "searched alone"}`;
      if (o.withMemory.contains) return line;
      return `${line}\n    ${o.lastTurn} — expect: ${o.expect}\n    said: ${oneLine(o.withMemory.answerText, 240)}`;
    })
    .join("\n");
}
