// Prints the evaluation table and writes it, with every setting that produced it, as JSON.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname } from "node:path";
import type { EmbedderIdentity } from "@ai-library/shared/embeddings";
import type { RetrievalSettings } from "@ai-library/shared/retrieval";
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
}

export function printAndWrite(options: EvalOptions, run: EvalRun): void {
  const machine = `${cpus().length} cores, Node ${process.version}`;
  process.stdout.write(`\n## ${run.command} — ${new Date().toISOString()} — ${machine}\n`);
  process.stdout.write(
    `library: ${run.library.books} books, ${run.library.chunks} chunks; embedder ${run.embedder.provider}:${run.embedder.model}:${run.embedder.dims}; ` +
      `chunks ${run.chunking.chunkSize}/${run.chunking.chunkOverlap}; k=${run.k}\n`,
  );
  process.stdout.write(`retrieval settings: ${JSON.stringify(run.retrieval)}\n\n`);
  process.stdout.write(`${formatTable(run.results)}\n\n`);
  mkdirSync(dirname(options.out), { recursive: true });
  const markdown = formatMarkdownTable(run.results);
  writeFileSync(
    options.out,
    `${JSON.stringify({ ...run, at: new Date().toISOString(), machine, markdown }, null, 2)}\n`,
  );
  process.stdout.write(`Written to ${options.out}\n`);
}
