// Updates the bot deliberately leaves alone: channel posts, edited messages (the answer to
// the first version was already given), and anything without a sender. Logged at debug,
// never answered, never an error.
import type { Logger } from "@ai-library/shared/logging";
import { Composer, type Context } from "telegraf";

export function ignoredUpdates(logger: Logger): Composer<Context> {
  const feature = new Composer<Context>();
  feature.use((ctx, next) => {
    const update = ctx.update;
    const kind =
      "channel_post" in update
        ? "пост канала"
        : "edited_message" in update
          ? "изменённое сообщение"
          : "edited_channel_post" in update
            ? "изменённый пост канала"
            : undefined;
    if (kind || !ctx.from || ctx.from.is_bot) {
      logger.debug(`Обновление ${update.update_id} пропущено (${kind ?? "отправитель не человек"})`);
      return;
    }
    return next();
  });
  return feature;
}
