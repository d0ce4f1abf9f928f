// Telegram shows "typing…" for about five seconds per sendChatAction, so while an answer is
// being prepared the action is repeated every few seconds until the answer is sent.
import type { ChatSender } from "../telegram/chat-sender.js";

const REPEAT_MS = 4500;

export function startTyping(sender: ChatSender, chatId: number): () => void {
  void sender.typing(chatId);
  const timer = setInterval(() => void sender.typing(chatId), REPEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}
