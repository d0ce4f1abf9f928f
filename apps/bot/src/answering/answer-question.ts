// One question, start to finish: search the live index, let the answerer write the answer
// (streamed into one edited message when an LLM writes it), send it with its sources, all
// within the answer timeout. Failures end in a polite reply, never in silence.
import type { Answer, Answerer } from "@ai-library/shared/answer";
import type { ErrorTracker } from "@ai-library/shared/error-reporting";
import type { Logger } from "@ai-library/shared/logging";
import type { BotErrorKind } from "@ai-library/shared/metrics";
import { LibraryEmptyError, type LiveLibrary } from "@ai-library/shared/retrieval";
import { detectLanguage } from "@ai-library/shared/text";
import { NEW_CONVERSATION_CALLBACK } from "../conversation/conversation-turn.js";
import { type FollowUp, questionToAnswer } from "../conversation/follow-up.js";
import { type OutgoingMessage, plainMessage, renderAnswer } from "../format/render-answer.js";
import type { Texts } from "../i18n/index.js";
import type { BotMetrics } from "../metrics/bot-metrics.js";
import type { ChatSender } from "../telegram/chat-sender.js";
import { describeTelegramError } from "../telegram/telegram-errors.js";
import type { IssuedSources } from "./issued-sources.js";
import { createStreamEditor, type StreamEditor } from "./stream-editor.js";
import { startTyping } from "./typing-indicator.js";

export interface AnswerSettings {
  searchK: number;
  timeoutMs: number;
  streamEditIntervalMs: number;
}

export interface AnswerDeps {
  search: LiveLibrary["search"];
  answerer: Answerer;
  sender: ChatSender;
  sources: IssuedSources;
  metrics: BotMetrics;
  errors: ErrorTracker;
  settings: AnswerSettings;
}

export interface QuestionRequest {
  chatId: number;
  userId: number;
  question: string;
  /** Set when the question carries on from the previous turn: searched with its topic, and says so. */
  followUp?: FollowUp;
  texts: Texts;
  log: Logger;
}

export class AnswerTimeoutError extends Error {
  constructor(seconds: number) {
    super(`no answer within BOT_ANSWER_TIMEOUT_SECONDS=${seconds}`);
    this.name = "AnswerTimeoutError";
  }
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_resolve, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    }),
  ]);
}

/** The answer sent, or undefined when the user got an apology instead. */
export async function answerQuestion(deps: AnswerDeps, request: QuestionRequest): Promise<Answer | undefined> {
  const { sender, metrics, settings } = deps;
  const { chatId, userId, texts, log } = request;
  const started = Date.now();
  const stopTyping = startTyping(sender, chatId);
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new AnswerTimeoutError(settings.timeoutMs / 1000)),
    settings.timeoutMs,
  );
  let placeholder: number | undefined;
  let editor: StreamEditor | undefined;
  // Where a failure happened, for ai_library_bot_errors_total{kind}.
  let phase: BotErrorKind = "search";

  const deliver = async (messages: OutgoingMessage[]) => {
    const [first, ...rest] = messages;
    if (!first) return;
    if (placeholder !== undefined) await sender.edit(chatId, placeholder, first);
    else await sender.send(chatId, first);
    for (const message of rest) await sender.send(chatId, message);
  };

  const work = async (): Promise<{ answer: Answer; generationId: string }> => {
    const { followUp } = request;
    const { passages, generationId } = await deps.search(
      request.question,
      settings.searchK,
      followUp ? { context: followUp.context } : {},
    );
    controller.signal.throwIfAborted();
    phase = "answerer";
    if (deps.answerer.kind === "openai") {
      placeholder = (await sender.send(chatId, plainMessage(texts.thinking))).messageId;
      editor = createStreamEditor(sender, chatId, placeholder, settings.streamEditIntervalMs);
    }
    const stream = editor;
    const answer = await deps.answerer.answer(
      questionToAnswer(request.question, followUp, passages[0]?.text),
      passages,
      {
        language: detectLanguage(request.question),
        signal: controller.signal,
        ...(stream ? { onPartial: (text: string) => stream.push(text) } : {}),
      },
    );
    await editor?.finish();
    controller.signal.throwIfAborted();
    phase = "telegram";
    return { answer, generationId };
  };

  try {
    const { answer, generationId } = await abortable(work(), controller.signal);
    const ids = deps.sources.issue(userId, answer.sources);
    const context = request.followUp && { topic: request.followUp.topic, newTopicCallback: NEW_CONVERSATION_CALLBACK };
    await deliver(renderAnswer(answer, texts, ids, undefined, context));
    const latencyMs = Date.now() - started;
    metrics.bot.answerSent({ durationSeconds: latencyMs / 1000, sourceCount: answer.sources.length });
    log.info(`Ответ пользователю ${userId} отправлен за ${latencyMs} мс, источников: ${answer.sources.length}`, {
      latencyMs,
      sources: answer.sources.length,
      generation: generationId,
      notFound: answer.notFound,
    });
    return answer;
  } catch (error) {
    await editor?.finish().catch(() => undefined);
    const reply =
      error instanceof LibraryEmptyError
        ? texts.libraryEmpty
        : error instanceof AnswerTimeoutError
          ? texts.timeout
          : texts.failed;
    const outcome =
      error instanceof LibraryEmptyError ? "empty_library" : error instanceof AnswerTimeoutError ? "timeout" : "failed";
    // An empty library is a reply the user gets, not a failure: it counts as an answer without sources.
    if (outcome === "empty_library")
      metrics.bot.answerSent({ durationSeconds: (Date.now() - started) / 1000, sourceCount: 0 });
    else metrics.bot.errorOccurred(outcome === "timeout" ? "timeout" : phase);
    if (outcome === "failed") {
      log.error(`Не удалось ответить пользователю ${userId}: ${describeTelegramError(error)}`);
      void deps.errors.capture(error, { tags: { phase } });
    } else log.warn(`Вопрос пользователя ${userId} без ответа: ${outcome}`, { latencyMs: Date.now() - started });
    await deliver([plainMessage(reply)]).catch((sendError: unknown) =>
      log.error(`Не удалось отправить ответ пользователю ${userId}: ${describeTelegramError(sendError)}`),
    );
    return undefined;
  } finally {
    clearTimeout(timer);
    stopTyping();
  }
}
