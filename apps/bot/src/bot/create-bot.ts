// Builds the Telegraf bot from feature modules, in the order an update meets them: claim it
// (no other bot process handles it too), detach from the polling loop, drop what we ignore, keep to our own business in groups, check
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
}

export function createBot(token: string, deps: BotDeps, options: CreateBotOptions): Telegraf {
  const bot = new Telegraf(token, {
    telegram: { apiRoot: options.apiRoot, webhookReply: false },
    // Our middleware returns at once (work is detached below); this only guards that step.
    handlerTimeout: 10_000,
  });
  bot.use((ctx, next) => {
    const update = { botId: ctx.botInfo.id, updateId: ctx.update.update_id };
    const { claims } = deps;
    // The claim is part of the detached work: a slow Redis must not hold up the polling loop.
    deps.tasks.run(
      async () => {
        if (claims && !(await claims.claim(update))) {
          deps.logger.debug(`Обновление ${update.updateId} уже обрабатывает другой процесс бота; пропускаю`);
          return;
        }
        await next();
        await claims?.done(update);
      },
      async (error) => {
        await claims?.release(update);
        await handleUpdateError(error, ctx, deps);
      },
    );
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
  bot.catch((error, ctx) => handleUpdateError(error, ctx, deps));
  return bot;
}
