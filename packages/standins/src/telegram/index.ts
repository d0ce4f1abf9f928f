// Public surface of the Telegram Bot API stand-in (tests and benchmarks only).
export { parseTelegramHtml } from "./parse-html.js";
export { STANDIN_BOT_TOKEN, startTelegramStandin, type TelegramStandin } from "./start-telegram-standin.js";
export type {
  BotCommandEntry,
  RecordedCall,
  SentMessage,
  TelegramFault,
  TelegramStandinOptions,
  TgCallbackQuery,
  TgChat,
  TgMessage,
  TgUpdate,
  TgUser,
  WebhookState,
} from "./types.js";
export { detectEntities, groupChat, type UserSpec } from "./update-builders.js";
export type { SendOptions, UserActions } from "./user-actions.js";
export {
  createWebhookDelivery,
  type DeliveryRecord,
  type WebhookDelivery,
  type WebhookDeliveryOptions,
} from "./webhook-delivery.js";
