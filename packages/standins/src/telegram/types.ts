// Shapes of the Telegram Bot API stand-in: the Telegram objects it produces (a small subset
// of the real API, enough for the bot's methods) and how a test steers and inspects it.

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: "private" | "group" | "supergroup" | "channel";
  title?: string;
  first_name?: string;
  username?: string;
}

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
}

export interface TgInlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface TgReplyMarkup {
  inline_keyboard: TgInlineButton[][];
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  sender_chat?: TgChat;
  text?: string;
  entities?: TgEntity[];
  caption?: string;
  sticker?: {
    file_id: string;
    file_unique_id: string;
    width: number;
    height: number;
    is_animated: boolean;
    is_video: boolean;
    type: string;
    emoji?: string;
  };
  photo?: { file_id: string; file_unique_id: string; width: number; height: number }[];
  reply_to_message?: TgMessage;
  reply_markup?: TgReplyMarkup;
  edit_date?: number;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  chat_instance: string;
  data?: string;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  channel_post?: TgMessage;
  callback_query?: TgCallbackQuery;
}

/** An update before the stand-in numbers it. */
export type UpdateBody = Omit<TgUpdate, "update_id">;

/** One Bot API call the stand-in received, in arrival order. */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** HTTP status the stand-in answered with (0 while a long poll is still open). */
  status: number;
  /** `description` of an error answer. */
  error?: string;
  at: number;
}

/** A message the bot sent, as the user would see it now (after any edits). */
export interface SentMessage {
  chatId: number;
  messageId: number;
  /** Visible text: HTML tags removed and entities decoded, as a Telegram client shows it. */
  text: string;
  /** Exactly what the bot sent as `text` (HTML source when parse_mode is HTML). */
  raw: string;
  parseMode?: string;
  replyMarkup?: TgReplyMarkup;
  /** How many times the bot edited it. */
  edits: number;
  sentAt: number;
  editedAt?: number;
}

/** A scripted failure for the next call(s) of a method. */
export type TelegramFault =
  | { kind: "flood"; retryAfterSeconds: number }
  | { kind: "bad_entities" }
  | { kind: "conflict" }
  | { kind: "server_error" };

export interface BotCommandEntry {
  command: string;
  description: string;
}

export interface TelegramStandinOptions {
  /** Token the bot must present in /bot<token>/…; others get 401 (default: a fixed test token). */
  token?: string;
  botUsername?: string;
  botId?: number;
  /** update_id of the first update (default 1): replicas behind one token see distinct ids. */
  firstUpdateId?: number;
  /** Address to listen on (default 127.0.0.1; a cluster test's Telegram host listens on its own address). */
  host?: string;
  /** Port to listen on (default: any free one). */
  port?: number;
}

export interface WebhookState {
  url: string;
  secretToken?: string;
}
