// What the test process and the Telegram host process (telegram-host-main.ts) say to each
// other over the IPC channel: typed here once, for both ends.

export interface LoadRequest {
  /** Users asking at once; each asks its questions one after another, waiting for each answer. */
  users: number;
  firstUserId: number;
  /** User n asks questions n, n+1, … of this list (wrapping), so that users do not all ask the same. */
  questions: string[];
  questionsPerUser: number;
  /** A user whose answer has not come after this long gives up on it (a lost answer) and asks the next. */
  answerTimeoutMs: number;
}

export interface LoadReport {
  startedAt: number;
  finishedAt: number;
  /** Updates sent (one per question) and their webhook deliveries. */
  updates: number;
  deliveredUpdates: number;
  /** Webhook posts not answered 200 (each retried), by status (0 = no HTTP answer). */
  failedPosts: Record<string, number>;
  /** Questions whose answer never came within answerTimeoutMs. */
  unanswered: number;
  lastAnswerAt: number;
}

export interface ChatCounts {
  /** chat id → messages the bot sent to it. */
  messages: Record<string, number>;
  total: number;
}

export type TelegramCommand =
  | { kind: "load"; request: LoadRequest }
  | { kind: "chat-counts" }
  | { kind: "progress" }
  | { kind: "webhook-calls" };

export interface ProgressReport {
  asked: number;
  answered: number;
}

export type TelegramHostMessage =
  | { kind: "ready"; apiRoot: string; token: string }
  | { kind: "reply"; id: number; result: unknown }
  | { kind: "error"; id: number; message: string };

export interface TelegramRequest {
  id: number;
  command: TelegramCommand;
}
