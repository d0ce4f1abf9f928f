// Console mode (no TELEGRAM_BOT_TOKEN): a chat with the bot on the terminal, through the same
// Telegraf handlers. Interactive on a terminal; with piped stdin it answers each line and
// exits at the end, so a demo script can finish by asking the bot a question.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Telegraf } from "telegraf";
import type { BackgroundTasks } from "../app/background-tasks.js";
import type { ConsoleSender } from "./console-sender.js";
import { CONSOLE_BOT, type ConsoleUser, createUpdateFactory } from "./console-updates.js";

export interface ConsoleChatOptions {
  bot: Telegraf;
  sender: ConsoleSender;
  tasks: BackgroundTasks;
  user: ConsoleUser;
  input: Readable;
  output: Writable;
  interactive: boolean;
}

export const CONSOLE_BANNER =
  "TELEGRAM_BOT_TOKEN не задан — бот запущен в консольном режиме: пишите вопросы прямо здесь.\n" +
  "Команды: /help, /books, /about. Кнопку под ответом можно нажать, введя !1, !2 … Выход: Ctrl+D.\n" +
  "(Чтобы подключить Telegram, задайте TELEGRAM_BOT_TOKEN в .env — см. docs/bot.md.)";

export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { bot, sender, tasks, output } = options;
  bot.botInfo = CONSOLE_BOT;
  const updates = createUpdateFactory(options.user);
  output.write(`${CONSOLE_BANNER}\n`);
  const lines = createInterface({ input: options.input, output, terminal: options.interactive, prompt: "\nВы: " });
  // On a terminal, readline takes Ctrl+C itself; treat it like Ctrl+D: end the chat cleanly.
  lines.on("SIGINT", () => lines.close());
  const prompt = () => options.interactive && lines.prompt();
  prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line) {
      if (!options.interactive) output.write(`\nВы: ${line}\n`);
      const pressed = /^!(\d+)$/.exec(line);
      const button = pressed ? sender.button(Number(pressed[1])) : undefined;
      if (pressed && !button) output.write("Такой кнопки нет.\n");
      else await bot.handleUpdate(button ? updates.press(button) : updates.text(line));
      // Handlers run detached (as with Telegram); wait for the answer before the next line.
      await tasks.idle(10 * 60 * 1000);
    }
    prompt();
  }
}
