// `pnpm ai-library …`: the operator's command line. Each command group lives in its own
// file under commands/ and registers itself on the program. Only the group being run is
// loaded: the queue group pulls in BullMQ, the index group SQLite and FAISS, and operators
// (and the docs test) run `index list` or `queue status` often enough that a second saved
// per start matters. `--help` and unknown commands load every group.
import { existsSync } from "node:fs";
import { Command, Help } from "commander";

if (existsSync(".env")) process.loadEnvFile(".env");

type Register = (program: Command) => void;
const commandGroups: Record<string, () => Promise<Register>> = {
  ingest: async () => (await import("./commands/ingest.js")).registerIngestCommand,
  ask: async () => (await import("./commands/ask.js")).registerAskCommand,
  queue: async () => (await import("./commands/queue.js")).registerQueueCommand,
  index: async () => (await import("./commands/index-ops.js")).registerIndexCommand,
};

// Commander's built-in help headings are English; configureHelp (inherited by every subcommand
// created after it) is its documented way to restyle them, so the operator reads them in Russian.
const HELP_TITLES: Record<string, string> = {
  "Usage:": "Использование:",
  "Arguments:": "Аргументы:",
  "Options:": "Параметры:",
  "Commands:": "Команды:",
  "Global Options:": "Общие параметры:",
};
/** Commander's own help texts, to which the overrides below add the Russian words. */
const defaultHelp = new Help();
const inRussian = (text: string) => text.replace("(default: ", "(по умолчанию: ").replace("(choices: ", "(варианты: ");

/** Commander's own parse errors, in Russian; option and command names stay as typed. */
const COMMANDER_ERRORS: Array<[RegExp, string]> = [
  [/^error: unknown command '(.*)'/, "ошибка: неизвестная команда '$1'"],
  [/^error: unknown option '(.*)'/, "ошибка: неизвестный параметр '$1'"],
  [/^error: missing required argument '(.*)'/, "ошибка: не указан обязательный аргумент '$1'"],
  [/^error: option '(.*)' argument missing/, "ошибка: у параметра '$1' не указано значение"],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\./,
    "ошибка: лишние аргументы: ожидалось $2, получено $3.",
  ],
  [/\(Did you mean (.*)\?\)/, "(Возможно, имелось в виду $1?)"],
];
const translateCommanderError = (text: string) =>
  COMMANDER_ERRORS.reduce((out, [pattern, russian]) => out.replace(pattern, russian), text);

const program = new Command()
  .name("ai-library")
  .description("ai_library_bot: индексация книг, вопросы, управление очередью и индексом")
  .configureHelp({
    styleTitle: (title) => HELP_TITLES[title] ?? title,
    styleUsage: (usage) =>
      defaultHelp.styleUsage(usage).replace("[options]", "[параметры]").replace("[command]", "[команда]"),
    optionDescription: (option) => inRussian(defaultHelp.optionDescription(option)),
    argumentDescription: (argument) => inRussian(defaultHelp.argumentDescription(argument)),
  })
  .helpOption("-h, --help", "показать справку по команде")
  .helpCommand("help [command]", "показать справку по команде")
  .configureOutput({ outputError: (text, write) => write(translateCommanderError(text)) })
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
