// How every `index …` subcommand runs: build the context, turn a thrown failure (typed errors
// carry the file, the fault and what to run) into its message on stderr and exit code 1, flush
// the log. Also the embedder identity that generations are checked against.
import type { EmbedderExpectation } from "@ai-library/shared/index";
import { closeLogger } from "@ai-library/shared/logging";
import { type CliContext, createCliContext } from "../context.js";

/** Runs one index command; its return value is the exit code. Any thrown error is printed and exits 1. */
export async function runIndexCommand(name: string, action: (context: CliContext) => Promise<number>): Promise<void> {
  const context = createCliContext();
  try {
    process.exitCode = await action(context);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    await context.reportFailure(`команда index ${name} не выполнена`, error);
    process.exitCode = 1;
  } finally {
    await closeLogger(context.logger);
  }
}

/** What this deployment queries with: a generation built with another embedder would be refused by the bot. */
export async function expectedEmbedder(context: CliContext): Promise<EmbedderExpectation> {
  return (await context.embedder()).identity;
}
