// Shows an LLM answer while it is being written by editing one message, at most once per
// interval (Telegram allows about one edit per second per chat): only the newest text is
// sent, intermediate ones are skipped, and `finish` waits for the edit in flight.

import { renderPartial } from "../format/render-answer.js";
import type { ChatSender } from "../telegram/chat-sender.js";

export interface StreamEditor {
  push(textSoFar: string): void;
  finish(): Promise<void>;
}

export function createStreamEditor(
  sender: ChatSender,
  chatId: number,
  messageId: number,
  intervalMs: number,
): StreamEditor {
  let latest = "";
  let shown = "";
  let lastEditAt = 0;
  let inFlight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let finished = false;

  const editNow = () => {
    timer = undefined;
    if (finished || inFlight || latest === shown || !latest.trim()) return;
    const text = latest;
    lastEditAt = Date.now();
    inFlight = sender
      .edit(chatId, messageId, { html: renderPartial(text) })
      .then(() => {
        shown = text;
      })
      // A failed intermediate edit is harmless: the final answer replaces it.
      .catch(() => undefined)
      .finally(() => {
        inFlight = undefined;
        schedule();
      });
  };

  const schedule = () => {
    if (finished || timer || inFlight || latest === shown) return;
    const wait = Math.max(0, lastEditAt + intervalMs - Date.now());
    timer = setTimeout(editNow, wait);
  };

  return {
    push(textSoFar) {
      latest = textSoFar;
      schedule();
    },
    async finish() {
      finished = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
