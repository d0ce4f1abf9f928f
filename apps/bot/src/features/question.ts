// Any text that is not a command is a question. It is checked against the per-user rate
// limit and the length limit, logged (the «Запрос от пользователя» line operators count, with
// usedContext for follow-ups), answered from the books (a follow-up rewritten by the LLM, or
// searched with the earlier turn's topic: conversation/read-follow-up.ts), and remembered for
// the questions after it.
import { Composer, type Context } from "telegraf";
import { message } from "telegraf/filters";
import { answerDepsOf } from "../answering/answer-deps-of.js";
import { answerQuestion } from "../answering/answer-question.js";
import type { BotDeps } from "../bot/bot-deps.js";
import { scopeOf } from "../bot/update-scope.js";
import { conversationKeyOf } from "../conversation/conversation-key-of.js";
import { readFollowUp } from "../conversation/read-follow-up.js";
import { rememberTurn } from "../conversation/remember-turn.js";
import { plainMessage } from "../format/render-answer.js";
import { withoutMention } from "./group-filter.js";

const LOGGED_CHARS = 200;

export function question(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.on(message("text"), async (ctx) => {
    const scope = scopeOf(ctx, deps.logger);
    const { texts, log } = scope;
    const userId = ctx.from.id;
    const chatId = ctx.chat.id;
    const text = withoutMention(ctx.message.text, ctx.botInfo.username);
    if (!text) {
      await deps.sender.send(chatId, plainMessage(texts.intro(undefined)));
      return;
    }
    const rate = await deps.rateLimiter.take(userId);
    if (!rate.allowed) {
      deps.metrics.refusals.inc({ reason: "rate_limit" });
      log.info(`Пользователь ${userId} превысил лимит вопросов; следующий через ${rate.retryInSeconds} с`);
      if (rate.tellUser) await deps.sender.send(chatId, plainMessage(texts.rateLimited(rate.retryInSeconds)));
      return;
    }
    if (text.length > deps.settings.maxQuestionChars) {
      deps.metrics.refusals.inc({ reason: "too_long" });
      log.info(
        `Вопрос пользователя ${userId} отклонён: ${text.length} символов при лимите ${deps.settings.maxQuestionChars}`,
      );
      await deps.sender.send(chatId, plainMessage(texts.tooLong(deps.settings.maxQuestionChars, text.length)));
      return;
    }
    deps.metrics.bot.questionReceived();
    const key = conversationKeyOf(ctx);
    const turns = key ? await deps.conversations.recent(key) : [];
    const { followUp, rewritten } = await readFollowUp(
      { condenser: deps.condenser, timeoutMs: deps.settings.condenseTimeoutMs, log },
      text,
      turns,
    );
    // One line per question, whatever the user typed: grep | wc -l must count questions, and
    // grep usedContext\":true those searched with the earlier turns.
    log.info(`Запрос от пользователя ${userId}: ${text.replace(/\s+/g, " ").slice(0, LOGGED_CHARS)}`, {
      usedContext: followUp !== undefined || rewritten !== undefined,
      ...(followUp ? { context: followUp.topic.slice(0, LOGGED_CHARS) } : {}),
      ...(rewritten ? { rewritten: rewritten.slice(0, LOGGED_CHARS) } : {}),
    });
    const answered = await answerQuestion(answerDepsOf(deps), {
      chatId,
      userId,
      question: text,
      ...(followUp ? { followUp } : {}),
      ...(rewritten ? { rewritten } : {}),
      history: [...turns].reverse().map((turn) => ({
        question: turn.question,
        ...(turn.answer ? { answer: turn.answer } : {}),
      })),
      texts,
      log,
    });
    if (key && answered)
      await deps.conversations.remember(key, rememberTurn(text, followUp, answered.answer, rewritten));
  });
  return feature;
}
