// `pnpm ai-library …`: the operator's command line. Each command group lives in its own
// file under commands/ and registers itself on the program. Only the group being run is
// loaded: the queue group pulls in BullMQ, the index group SQLite and FAISS, and operators
// (and the docs test) run `index list` or `queue status` often enough that a second saved
// per start matters. `--help` and unknown commands load every group.
import { existsSync } from "node:fs";
import { Command } from "commander";

if (existsSync(".env")) process.loadEnvFile(".env");

type Register = (program: Command) => void;
const commandGroups: Record<string, () => Promise<Register>> = {
  ingest: async () => (await import("./commands/ingest.js")).registerIngestCommand,
  ask: async () => (await import("./commands/ask.js")).registerAskCommand,
  queue: async () => (await import("./commands/queue.js")).registerQueueCommand,
  index: async () => (await import("./commands/index-ops.js")).registerIndexCommand,
};

const program = new Command()
  .name("ai-library")
  .description("ai_library_bot: индексация книг, вопросы, управление очередью и индексом")
  .showHelpAfterError();

const requested = process.argv[2];
const groups = requested && requested in commandGroups ? [requested] : Object.keys(commandGroups);
for (const group of groups) {
  const register = await commandGroups[group]?.();
  register?.(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // The last guard: each command explains its own failures; whatever slips through is still one
  // paragraph for the operator, never a stack trace.
  process.stderr.write(`Команда не выполнена: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
