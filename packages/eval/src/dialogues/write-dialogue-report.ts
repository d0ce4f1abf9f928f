// Prints the dialogue table (or, with --json, the whole run as JSON on stdout) and writes the
// run, with the settings that produced it, to --out.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname } from "node:path";
import type { EmbedderIdentity } from "@ai-library/shared/embeddings";
import type { RetrievalSettings } from "@ai-library/shared/retrieval";
import type { EvalOptions } from "../options.js";
import { formatDialogueLines, formatDialogueMarkdown, formatDialogueTable } from "./format-dialogue-table.js";
import type { DialogueReport } from "./measure-dialogues.js";
import { DIALOGUE_TARGETS } from "./score-dialogues.js";

export interface DialogueRun {
  command: string;
  retrieval: RetrievalSettings;
  embedder: EmbedderIdentity;
  library: { books: number; chunks: number; ingestSeconds: number };
  dialogues: DialogueReport;
}

export function writeDialogueReport(options: EvalOptions, run: DialogueRun): void {
  const machine = `${cpus().length} cores, Node ${process.version}`;
  const at = new Date().toISOString();
  const json = `${JSON.stringify({ ...run, at, machine, targets: DIALOGUE_TARGETS, markdown: formatDialogueMarkdown(run.dialogues.scores) }, null, 2)}\n`;
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, json);
  if (options.json) {
    process.stdout.write(json);
    return;
  }
  const { scores, skippedDialogues, outcomes, method } = run.dialogues;
  process.stdout.write(`\n## ${run.command} — ${at} — ${machine}\n`);
  process.stdout.write(
    `library: ${run.library.books} books, ${run.library.chunks} chunks; embedder ${run.embedder.provider}:${run.embedder.model}:${run.embedder.dims}\n`,
  );
  process.stdout.write(`Dialogue set — ${method}\n`);
  process.stdout.write(
    `target for follow-ups with memory: contains ≥ ${DIALOGUE_TARGETS.containsWithMemory} and ≥ ${DIALOGUE_TARGETS.pointsAboveAlone} points above alone; topic changes not lower with memory\n\n`,
  );
  process.stdout.write(`${formatDialogueTable(scores)}\n`);
  if (skippedDialogues > 0)
    process.stdout.write(`(${skippedDialogues} dialogues about Debian books left out: not fetched)\n`);
  if (options.verbose) process.stdout.write(`\n${formatDialogueLines(outcomes)}\n`);
  process.stdout.write(`\nWritten to ${options.out}\n`);
}
