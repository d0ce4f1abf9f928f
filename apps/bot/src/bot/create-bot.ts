// Builds the Telegraf bot from feature modules, in the order an update meets them: claim it
// (no other bot process handles it too), detach from the polling loop (in webhook mode: finish it
// before Telegram hears 200), drop what we ignore, keep to our own business in groups, check
// access, then commands, buttons, questions, and the fallbacks.
import { Telegraf } from "telegraf";
import { about } from "../features/about.js";
import { accessControl } from "../features/access-control.js";
import { books } from "../features/books.js";
import { expandButton } from "../features/expand-button.js";
import { otherUpdates, unknownCommand } from "../features/fallbacks.js";
import { groupFilter } from "../features/group-filter.js";
import { ignoredUpdates } from "../features/ignored-updates.js";
import { moreButton } from "../features/more-button.js";
import { newConversation } from "../features/new-conversation.js";
import { question } from "../features/question.js";
import { sourceButton } from "../features/source-button.js";
import { startHelp } from "../features/start-help.js";
import { status } from "../features/status.js";
import type { BotDeps } from "./bot-deps.js";
import { handleUpdateError } from "./error-boundary.js";

export interface CreateBotOptions {
  apiRoot: string;
  /**
   * Webhook mode: handleUpdate resolves only when the update was handled, so the webhook answers
   * 200 after the reply went out. A replica killed mid-answer then leaves its updates unacknowledged,
   * and Telegram delivers them again (to another replica). Polling detaches instead, so that one
   * slow answer does not hold up the next batch.
   */
  awaitUpdates?: boolean;
}

/**
 * Another bot process holds this update's claim and has not finished it: it is at work on it, or
 * crashed holding it. The webhook answers 503 so that Telegram retries; the retry is served by
 * whoever then finds the claim free (lease run out) or sees it handled.
 */
export class UpdateInProgressError extends Error {
  constructor(readonly updateId: number) {
    super(`обновление ${updateId} обрабатывает другой процесс бота`);
    this.name = "UpdateInProgressError";
  }
}

export function createBot(token: string, deps: BotDeps, options: CreateBotOptions): Telegraf {
  const bot = new Telegraf(token, {
    telegram: { apiRoot: options.apiRoot, webhookReply: false },
    // Detached (polling), our middleware returns at once and this only guards that step; awaited
    // (webhook), the background task's own timeout bounds the handling.
    handlerTimeout: options.awaitUpdates ? Number.POSITIVE_INFINITY : 10_000,
  });
  bot.use(async (ctx, next) => {
    const update = { botId: ctx.botInfo.id, updateId: ctx.update.update_id };
    const { claims } = deps;
    const work = async () => {
      await next();
      await claims?.done(update);
    };
    const failure = async (error: unknown) => {
      await claims?.release(update);
      await handleUpdateError(error, ctx, deps);
    };
    if (options.awaitUpdates) {
      if (claims && !(await claims.claim(update))) {
        if (await claims.handled(update)) {
          deps.logger.debug(`Обновление ${update.updateId} уже обработал другой процесс бота; пропускаю`);
          return;
        }
        throw new UpdateInProgressError(update.updateId);
      }
      await deps.tasks.run(work, failure);
      return;
    }
    // The claim is part of the detached work: a slow Redis must not hold up the polling loop.
    void deps.tasks.run(async () => {
      if (claims && !(await claims.claim(update))) {
        deps.logger.debug(`Обновление ${update.updateId} уже обрабатывает другой процесс бота; пропускаю`);
        return;
      }
      await work();
    }, failure);
  });
  bot.use(ignoredUpdates(deps.logger));
  bot.use(groupFilter());
  bot.use(accessControl(deps));
  bot.use(
    startHelp(deps),
    books(deps),
    about(deps),
    status(deps),
    sourceButton(deps),
    expandButton(deps),
    moreButton(deps),
  );
  bot.use(newConversation(deps));
  bot.use(unknownCommand(deps));
  bot.use(question(deps));
  bot.use(otherUpdates(deps));
  bot.catch((error, ctx) => {
    // Not a failure of this update: the webhook turns it into a 503 for Telegram to retry.
    if (error instanceof UpdateInProgressError) throw error;
    return handleUpdateError(error, ctx, deps);
  });
  return bot;
}
