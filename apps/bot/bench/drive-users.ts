// Simulated Telegram users for the benchmark: each asks its questions one after another
// (a closed loop, like a person waiting for the answer), all users at once. Latency is from
// the update entering the Bot API stand-in to the bot's reply arriving there.
import type { SentMessage, TelegramStandin } from "@ai-library/standins/telegram";

export interface LoadResult {
  latenciesMs: number[];
  /** Each answer's latency with how many questions its user had asked before it (0 = the first). */
  samples: { asked: number; ms: number }[];
  seconds: number;
  /** No reply within 90 s (longer than the bot's own answer timeout), or an error reply. */
  failures: number;
  /** Replies that cited sources (the rest said the library has no answer). */
  withSources: number;
  /** Replies that say they used the conversation («в контексте: …»). */
  inContext: number;
}

const ERROR_REPLY = /произошла ошибка|Не успел найти ответ|went wrong|could not find an answer in time/;

export async function driveUsers(
  standin: TelegramStandin,
  options: {
    users: number;
    questionsPerUser: number;
    firstUserId: number;
    /** The next question of a user who has asked `asked` questions so far. */
    question: (userId: number, asked: number) => string;
    timeoutMs?: number;
  },
): Promise<LoadResult> {
  const waiting = new Map<number, (message: SentMessage) => void>();
  const unsubscribe = standin.onSent((message) => waiting.get(message.chatId)?.(message));
  const latenciesMs: number[] = [];
  const samples: LoadResult["samples"] = [];
  let failures = 0;
  let withSources = 0;
  let inContext = 0;
  const askOnce = (userId: number, asked: number) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const timer = setTimeout(() => {
        failures += 1;
        waiting.delete(userId);
        resolve();
      }, options.timeoutMs ?? 90_000);
      waiting.set(userId, (message) => {
        clearTimeout(timer);
        waiting.delete(userId);
        const ms = performance.now() - started;
        latenciesMs.push(ms);
        samples.push({ asked, ms });
        if (ERROR_REPLY.test(message.text)) failures += 1;
        if (message.text.includes("Источники:")) withSources += 1;
        if (message.text.startsWith("в контексте:")) inContext += 1;
        resolve();
      });
      standin.sendText({ id: userId, languageCode: "ru" }, options.question(userId, asked));
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.users }, async (_, n) => {
      for (let i = 0; i < options.questionsPerUser; i++) await askOnce(options.firstUserId + n, i);
    }),
  );
  unsubscribe();
  return { latenciesMs, samples, seconds: (performance.now() - started) / 1000, failures, withSources, inContext };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
