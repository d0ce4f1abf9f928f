// /start and /help: what the bot does, how many books it knows and a few of their titles.
import { Composer, type Context } from "telegraf";
import type { BotDeps } from "../bot/bot-deps.js";
import { scopeOf } from "../bot/update-scope.js";
import { bookTitle } from "../format/describe-source.js";
import { plainMessage } from "../format/render-answer.js";
import { libraryFacts } from "./library-facts.js";

export function startHelp(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.command(["start", "help"], async (ctx) => {
    const scope = scopeOf(ctx, deps.logger);
    const facts = libraryFacts(deps.library);
    const shown = facts && {
      ...facts,
      sampleTitles: facts.sampleTitles.map((title) => bookTitle({ title, file: "" })),
    };
    await deps.sender.send(ctx.chat.id, plainMessage(scope.texts.intro(shown)));
  });
  return feature;
}
