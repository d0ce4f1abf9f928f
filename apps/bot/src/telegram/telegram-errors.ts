// Which Bot API failures the bot treats specially. Telegraf reports them as TelegramError
// with the API's error_code and description; network failures arrive as other errors.
import { TelegramError } from "telegraf";

export const isTelegramError = (error: unknown): error is TelegramError => error instanceof TelegramError;

/** Seconds Telegram asks us to wait (429 Too Many Requests), or undefined. */
export function floodWaitSeconds(error: unknown): number | undefined {
  if (!isTelegramError(error) || error.code !== 429) return undefined;
  return error.parameters?.retry_after ?? 1;
}

export const isBadEntities = (error: unknown) =>
  isTelegramError(error) &&
  error.code === 400 &&
  /can't parse entities|can't find end tag|unsupported start tag/i.test(error.description);

export const isNotModified = (error: unknown) =>
  isTelegramError(error) && error.code === 400 && /message is not modified/i.test(error.description);

/** 409: another process polls with the same token (or a webhook is set): a deployment error. */
export const isConflict = (error: unknown) => isTelegramError(error) && error.code === 409;

export const isServerError = (error: unknown) => isTelegramError(error) && error.code >= 500;

/**
 * The request never got an answer (connection reset, refused, timed out): node-fetch's
 * FetchError. Usually a kept-alive socket the server had just closed; worth one more try.
 */
export const isNetworkError = (error: unknown) => error instanceof Error && error.name === "FetchError";

/** A short description that is safe to log: never the raw error, whose URL may hold the token. */
export function describeTelegramError(error: unknown): string {
  if (isTelegramError(error)) return `${error.code} ${error.description}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
