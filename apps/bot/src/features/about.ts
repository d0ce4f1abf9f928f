// /about: which index generation answers, when it was published, how big it is.
import { Composer, type Context } from "telegraf";
import type { BotDeps } from "../bot/bot-deps.js";
import { scopeOf } from "../bot/update-scope.js";
import { plainMessage } from "../format/render-answer.js";
import { formatDate } from "./library-facts.js";

export function about(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.command("about", async (ctx) => {
    const { texts } = scopeOf(ctx, deps.logger);
    const generation = deps.library.current();
    const text = generation
      ? texts.about(
          generation.id,
          formatDate(generation.manifest.createdAt, texts.dateLocale),
          generation.manifest.books.length,
          generation.manifest.chunkCount,
        )
      : texts.libraryEmpty;
    await deps.sender.send(ctx.chat.id, plainMessage(text));
  });
  return feature;
}
