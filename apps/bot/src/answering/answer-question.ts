// One question, start to finish: search the live index, let the answerer write the answer
// (streamed into one edited message when an LLM writes it), send it with its sources, all
// within the answer timeout. Failures end in a polite reply, never in silence.
import type { Answer, Answerer, PriorTurn } from "@ai-library/shared/answer";
import type { ErrorTracker } from "@ai-library/shared/error-reporting";
import type { Logger } from "@ai-library/shared/logging";
import { LibraryEmptyError, type LiveLibrary, type Passage } from "@ai-library/shared/retrieval";
import { detectLanguage } from "@ai-library/shared/text";
import { NEW_CONVERSATION_CALLBACK } from "../conversation/conversation-turn.js";
import { type FollowUp, questionToAnswer } from "../conversation/follow-up.js";
import { type OutgoingMessage, plainMessage, renderAnswer } from "../format/render-answer.js";
import type { Texts } from "../i18n/index.js";
import type { BotErrorKind } from "../metrics/answer-metrics.js";
import type { BotMetrics } from "../metrics/bot-metrics.js";
import type { ChatSender } from "../telegram/chat-sender.js";
import { describeTelegramError } from "../telegram/telegram-errors.js";
import { alreadyShown, type IssuedPages, MAX_MORE_PAGES, type QuestionPages } from "./issued-pages.js";
import { expandCallbackOf, type IssuedSources } from "./issued-sources.js";
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
  /** What a «Ещё» button under the answer continues. */
  pages: IssuedPages;
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
  /** A follow-up the LLM rewrote to stand alone: searched and answered instead of `question`. */
  rewritten?: string;
  /** The conversation's earlier turns, oldest first, for an LLM answerer to read. */
  history?: readonly PriorTurn[];
  /** Set for a «Ещё» page: the passages shown before are skipped. */
  more?: Pick<QuestionPages, "shown" | "page">;
  texts: Texts;
  log: Logger;
}

export interface AnsweredQuestion {
  answer: Answer;
  /** The passages the answerer was given (the sources are those it cited). */
  passages: Passage[];
}

export class AnswerTimeoutError extends Error {
  constructor(seconds: number) {
    super(`нет ответа за BOT_ANSWER_TIMEOUT_SECONDS=${seconds}`);
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

/** A «Ещё» page that finds nothing new: the user is told so instead of «нет ответа». */
class NothingMoreError extends Error {}

/** The answer sent, or undefined when the user got an apology (or «nothing more») instead. */
export async function answerQuestion(
  deps: AnswerDeps,
  request: QuestionRequest,
): Promise<AnsweredQuestion | undefined> {
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

  const work = async (): Promise<{
    answer: Answer;
    passages: Passage[];
    mayHaveMore: boolean;
    generationId: string;
  }> => {
    const { followUp } = request;
    const shown = request.more?.shown ?? [];
    // A «Ещё» page asks for as many passages again as were shown, then skips those.
    const k = settings.searchK + shown.length;
    const asked = request.rewritten ?? request.question;
    const found = await deps.search(asked, k, followUp ? { context: followUp.context } : {});
    const { generationId } = found;
    const passages = found.passages.filter((passage) => !alreadyShown(passage, shown)).slice(0, settings.searchK);
    if (request.more && passages.length === 0) throw new NothingMoreError();
    controller.signal.throwIfAborted();
    phase = "answerer";
    if (deps.answerer.kind === "openai") {
      placeholder = (await sender.send(chatId, plainMessage(texts.thinking))).messageId;
      editor = createStreamEditor(sender, chatId, placeholder, settings.streamEditIntervalMs);
    }
    const stream = editor;
    const answer = await deps.answerer.answer(
      request.rewritten ?? questionToAnswer(request.question, followUp, passages[0]?.text),
      passages,
      {
        language: detectLanguage(request.question),
        ...(request.history?.length ? { history: request.history } : {}),
        signal: controller.signal,
        ...(stream ? { onPartial: (text: string) => stream.push(text) } : {}),
      },
    );
    await editor?.finish();
    controller.signal.throwIfAborted();
    if (request.more && answer.notFound) throw new NothingMoreError();
    phase = "telegram";
    return { answer, passages, mayHaveMore: found.passages.length >= k, generationId };
  };

  try {
    const { answer, passages, mayHaveMore, generationId } = await abortable(work(), controller.signal);
    const ids = deps.sources.issue(userId, answer.sources);
    const page = request.more ? request.more.page + 1 : 0;
    const moreCallback =
      !answer.notFound && mayHaveMore && page < MAX_MORE_PAGES
        ? deps.pages.issue({
            userId,
            question: request.question,
            ...(request.followUp ? { followUp: request.followUp } : {}),
            ...(request.rewritten ? { rewritten: request.rewritten } : {}),
            shown: [...(request.more?.shown ?? []), ...passages].map(({ bookId, text }) => ({ bookId, text })),
            page,
          })
        : undefined;
    const note = request.more
      ? texts.moreFor(request.rewritten ?? request.question)
      : request.rewritten
        ? texts.understoodAs(request.rewritten)
        : request.followUp && texts.inContext(request.followUp.topic);
    const usedContext = request.followUp !== undefined || request.rewritten !== undefined;
    await deliver(
      renderAnswer(answer, texts, ids, {
        ...(note ? { note } : {}),
        ...(moreCallback ? { moreCallback } : {}),
        ...(ids[0] ? { expandCallback: expandCallbackOf(ids[0]) } : {}),
        ...(usedContext && !request.more ? { newTopicCallback: NEW_CONVERSATION_CALLBACK } : {}),
      }),
    );
    const latencyMs = Date.now() - started;
    metrics.bot.answerSent({ durationSeconds: latencyMs / 1000, sourceCount: answer.sources.length });
    log.info(`Ответ пользователю ${userId} отправлен за ${latencyMs} мс, источников: ${answer.sources.length}`, {
      latencyMs,
      sources: answer.sources.length,
      generation: generationId,
      notFound: answer.notFound,
    });
    return { answer, passages };
  } catch (error) {
    await editor?.finish().catch(() => undefined);
    if (error instanceof NothingMoreError) {
      log.info(`Ещё по вопросу пользователя ${userId}: других подходящих фрагментов нет`);
      await deliver([plainMessage(texts.noMore)]).catch((sendError: unknown) =>
        log.error(`Не удалось отправить ответ пользователю ${userId}: ${describeTelegramError(sendError)}`),
      );
      return undefined;
    }
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
