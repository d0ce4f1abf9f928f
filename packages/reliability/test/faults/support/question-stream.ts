// A steady stream of questions from real Telegram users (through the Bot API stand-in), one at
// a time, for as long as a fault lasts. Each answer is timed and judged; a question that gets no
// reply in time is recorded, not thrown, so the test sees the whole picture at the end.
import type { UserSpec } from "@ai-library/standins/telegram";
import type { Scenario } from "../../../../../apps/bot/test/e2e/scenario.js";

export interface AskedQuestion {
  at: number;
  seconds: number;
  answered: boolean;
  text: string;
}

export interface QuestionStream {
  /** Questions asked so far whose reply arrived between `from` and `to` (ms timestamps). */
  answeredBetween(from: number, to: number): AskedQuestion[];
  stop(): Promise<AskedQuestion[]>;
}

export function startQuestionStream(
  scenario: Scenario,
  options: { users: UserSpec[]; question: string; pauseMs: number; timeoutMs: number },
): QuestionStream {
  const asked: AskedQuestion[] = [];
  let stopped = false;
  const loop = (async () => {
    for (let n = 0; !stopped; n++) {
      const user = options.users[n % options.users.length] as UserSpec;
      const at = Date.now();
      try {
        const [reply] = await scenario.ask(user, options.question, { timeoutMs: options.timeoutMs });
        asked.push({ at, seconds: (Date.now() - at) / 1000, answered: true, text: reply?.text ?? "" });
      } catch {
        asked.push({ at, seconds: (Date.now() - at) / 1000, answered: false, text: "" });
      }
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  })();
  return {
    answeredBetween: (from, to) =>
      asked.filter(
        (question) => question.answered && question.at >= from && question.at + question.seconds * 1000 <= to,
      ),
    async stop() {
      stopped = true;
      await loop;
      return asked;
    },
  };
}
