// The Telegram host's process (run in its namespace by telegram-host.ts): the Bot API stand-in
// listening on the host's own address, which the bots call (sendMessage…), and Telegram's side
// of the webhook, which posts users' updates to nginx and retries any not answered 200. It plays
// the users too: each asks its questions in turn and waits for the answer, as a person would.
import { createWebhookDelivery, startTelegramStandin } from "@ai-library/standins/telegram";
import type {
  ChatCounts,
  LoadReport,
  LoadRequest,
  ProgressReport,
  TelegramCommand,
  TelegramHostMessage,
  TelegramRequest,
} from "./telegram-protocol.js";

const address = process.env.TELEGRAM_HOST_ADDRESS ?? "";
const port = Number(process.env.TELEGRAM_HOST_PORT ?? "8081");
const send = (message: TelegramHostMessage) => process.send?.(message);

const standin = await startTelegramStandin({ host: address, port });
const delivery = createWebhookDelivery({
  url: process.env.WEBHOOK_TARGET ?? "",
  secret: process.env.WEBHOOK_SECRET ?? "",
  maxConnections: Number(process.env.WEBHOOK_MAX_CONNECTIONS ?? "40"),
  retryDelayMs: Number(process.env.WEBHOOK_RETRY_DELAY_MS ?? "1000"),
  insecureTls: true,
});

let nextUpdateId = 1;
let asked = 0;
let answered = 0;
/** chat id → wakes the user waiting for an answer there. */
const waiting = new Map<number, () => void>();
standin.onSent((message) => {
  answered++;
  waiting.get(message.chatId)?.();
});

function answerIn(chatId: number, count: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const check = () => {
      if (standin.sentMessages(chatId).length < count) return false;
      clearTimeout(timer);
      waiting.delete(chatId);
      resolve(true);
      return true;
    };
    const timer = setTimeout(() => {
      waiting.delete(chatId);
      resolve(false);
    }, timeoutMs);
    waiting.set(chatId, check);
    check();
  });
}

async function runLoad(request: LoadRequest): Promise<LoadReport> {
  const startedAt = Date.now();
  let unanswered = 0;
  let lastAnswerAt = startedAt;
  let deliveredUpdates = 0;
  const user = async (id: number) => {
    const from = { id, firstName: `Читатель ${id}`, languageCode: "ru" };
    for (let round = 0; round < request.questionsPerUser; round++) {
      const question = request.questions[(id + round) % request.questions.length] ?? "";
      const before = standin.sentMessages(id).length;
      const updateId = nextUpdateId++;
      const message = standin.sendText(from, question, { updateId });
      asked++;
      const record = await delivery.deliver({ update_id: updateId, message });
      if (record.deliveredAt !== undefined) deliveredUpdates++;
      if (await answerIn(id, before + 1, request.answerTimeoutMs)) lastAnswerAt = Math.max(lastAnswerAt, Date.now());
      else unanswered++;
    }
  };
  await Promise.all(Array.from({ length: request.users }, (_, n) => user(request.firstUserId + n)));
  const failedPosts: Record<string, number> = {};
  for (const record of delivery.records())
    for (const status of record.statuses)
      if (status !== 200) failedPosts[String(status)] = (failedPosts[String(status)] ?? 0) + 1;
  return {
    startedAt,
    finishedAt: Date.now(),
    updates: request.users * request.questionsPerUser,
    deliveredUpdates,
    failedPosts,
    unanswered,
    lastAnswerAt,
  };
}

function chatCounts(): ChatCounts {
  const messages: Record<string, number> = {};
  for (const message of standin.sentMessages())
    messages[String(message.chatId)] = (messages[String(message.chatId)] ?? 0) + 1;
  return { messages, total: standin.sentMessages().length };
}

async function run(command: TelegramCommand): Promise<unknown> {
  if (command.kind === "load") return runLoad(command.request);
  if (command.kind === "chat-counts") return chatCounts();
  if (command.kind === "webhook-calls") return standin.callsOf("setWebhook").length;
  return { asked, answered } satisfies ProgressReport;
}

process.on("message", (request: TelegramRequest) => {
  run(request.command).then(
    (result) => send({ kind: "reply", id: request.id, result }),
    (error: unknown) => send({ kind: "error", id: request.id, message: String(error) }),
  );
});
process.on("disconnect", () => {
  delivery.close();
  void standin.close().finally(() => process.exit(0));
});
send({ kind: "ready", apiRoot: standin.apiRoot, token: standin.token });
