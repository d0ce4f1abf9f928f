// `pnpm ai-library …`: the operator's command line. Each command group lives in its own
// file under commands/ and registers itself on the program.
import { existsSync } from "node:fs";
import { Command } from "commander";
import { registerAskCommand } from "./commands/ask.js";
import { registerIndexCommand } from "./commands/index-ops.js";
import { registerIngestCommand } from "./commands/ingest.js";
import { registerQueueCommand } from "./commands/queue.js";

if (existsSync(".env")) process.loadEnvFile(".env");

const program = new Command()
  .name("ai-library")
  .description("ai_library_bot: ingest books, ask questions, manage the queue and the index")
  .showHelpAfterError();

registerIngestCommand(program);
registerAskCommand(program);
registerQueueCommand(program);
registerIndexCommand(program);

await program.parseAsync(process.argv);
