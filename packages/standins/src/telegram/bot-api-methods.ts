// The Bot API methods the project's bot uses, each checking its parameters the way
// Telegram does and changing the stand-in's state (chats, updates, commands, webhook).
import { BotApiError, badRequest, webhookActiveError } from "./api-error.js";
import type { ChatLog } from "./chat-log.js";
import { readReplyMarkup, visibleText } from "./message-rules.js";
import type { BotCommandEntry, TgChat, TgMessage, TgUser, WebhookState } from "./types.js";
import { nowSeconds } from "./update-builders.js";
import type { UpdateQueue } from "./update-queue.js";

export interface StandinState {
  bot: TgUser;
  queue: UpdateQueue;
  chats: ChatLog;
  /** setMyCommands lists by language code ("" = default). */
  commands: Map<string, BotCommandEntry[]>;
  webhook: WebhookState | undefined;
  /** Callback query ids issued to the bot, and whether it has answered them. */
  callbackQueries: Map<string, boolean>;
  knownChats: Map<number, TgChat>;
}

export type Params = Record<string, unknown>;
type Method = (params: Params, state: StandinState, closed: AbortSignal) => unknown;

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

function chatOf(params: Params, state: StandinState): TgChat {
  const id = Number(params.chat_id);
  if (!Number.isFinite(id) || params.chat_id === undefined || params.chat_id === "")
    throw badRequest("chat_id is empty");
  const chat = state.knownChats.get(id);
  if (!chat) throw badRequest("chat not found");
  return chat;
}

const numberParam = (value: unknown, fallback: number) =>
  value === undefined || value === "" ? fallback : Number(value);

const sendMessage: Method = (params, state) => {
  const chat = chatOf(params, state);
  const text = visibleText(params.text, params.parse_mode);
  const markup = readReplyMarkup(params.reply_markup);
  const message: TgMessage = {
    message_id: state.chats.nextMessageId(chat.id),
    date: nowSeconds(),
    chat,
    from: state.bot,
    text,
    ...(markup ? { reply_markup: markup } : {}),
  };
  state.chats.store(message);
  state.chats.recordSent({
    chatId: chat.id,
    messageId: message.message_id,
    text,
    raw: String(params.text),
    ...(typeof params.parse_mode === "string" ? { parseMode: params.parse_mode } : {}),
    ...(markup ? { replyMarkup: markup } : {}),
    edits: 0,
    sentAt: Date.now(),
  });
  return message;
};

const editMessageText: Method = (params, state) => {
  const chat = chatOf(params, state);
  const messageId = Number(params.message_id);
  const sent = state.chats.findSent(chat.id, messageId);
  const stored = state.chats.find(chat.id, messageId);
  if (!sent || !stored) throw badRequest("message to edit not found");
  const text = visibleText(params.text, params.parse_mode);
  const markup = readReplyMarkup(params.reply_markup);
  if (text === sent.text && JSON.stringify(markup) === JSON.stringify(sent.replyMarkup)) {
    throw badRequest(
      "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
  }
  Object.assign(sent, { text, raw: String(params.text), edits: sent.edits + 1, editedAt: Date.now() });
  if (typeof params.parse_mode === "string") sent.parseMode = params.parse_mode;
  else delete sent.parseMode;
  if (markup) sent.replyMarkup = markup;
  else delete sent.replyMarkup;
  const edited: TgMessage = { ...stored, text, edit_date: nowSeconds(), ...(markup ? { reply_markup: markup } : {}) };
  if (!markup) delete edited.reply_markup;
  state.chats.store(edited);
  return edited;
};

const sendChatAction: Method = (params, state) => {
  chatOf(params, state);
  if (typeof params.action !== "string" || !CHAT_ACTIONS.has(params.action))
    throw badRequest("wrong parameter action in request");
  return true;
};

const answerCallbackQuery: Method = (params, state) => {
  const id = String(params.callback_query_id ?? "");
  if (state.callbackQueries.get(id) !== false) {
    throw badRequest("query is too old and response timeout expired or query ID is invalid");
  }
  if (typeof params.text === "string" && params.text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
  state.callbackQueries.set(id, true);
  return true;
};

const setMyCommands: Method = (params, state) => {
  const commands = typeof params.commands === "string" ? (JSON.parse(params.commands) as unknown) : params.commands;
  if (!Array.isArray(commands)) throw badRequest('parameter "commands" is required');
  if (commands.length > 100) throw badRequest("too many commands");
  const entries = commands.map((entry: { command?: unknown; description?: unknown }) => {
    if (typeof entry.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(entry.command))
      throw badRequest("BOT_COMMAND_INVALID");
    if (typeof entry.description !== "string" || entry.description.length < 1 || entry.description.length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    return { command: entry.command, description: entry.description };
  });
  state.commands.set(typeof params.language_code === "string" ? params.language_code : "", entries);
  return true;
};

const getUpdates: Method = (params, state, closed) => {
  if (state.webhook) throw webhookActiveError();
  return state.queue.take({
    offset: numberParam(params.offset, 0),
    limit: numberParam(params.limit, 100),
    timeoutSeconds: numberParam(params.timeout, 0),
    closed,
  });
};

const setWebhook: Method = (params, state) => {
  if (typeof params.url !== "string") throw badRequest('parameter "url" is required');
  const secret = params.secret_token;
  if (secret !== undefined && (typeof secret !== "string" || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
    throw badRequest("secret token contains unallowed characters");
  }
  if (params.url === "") state.webhook = undefined;
  else state.webhook = { url: params.url, ...(typeof secret === "string" ? { secretToken: secret } : {}) };
  if (params.drop_pending_updates === true) state.queue.dropAll();
  return true;
};

export const BOT_API_METHODS: Record<string, Method> = {
  getMe: (_params, state) => state.bot,
  getUpdates,
  sendMessage,
  editMessageText,
  sendChatAction,
  answerCallbackQuery,
  setMyCommands,
  getMyCommands: (params, state) =>
    state.commands.get(typeof params.language_code === "string" ? params.language_code : "") ?? [],
  deleteWebhook: (params, state) => {
    state.webhook = undefined;
    if (params.drop_pending_updates === true) state.queue.dropAll();
    return true;
  },
  setWebhook,
  getWebhookInfo: (_params, state) => ({
    url: state.webhook?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: state.queue.pending,
  }),
};

export function findMethod(name: string): Method {
  const method = Object.entries(BOT_API_METHODS).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  if (!method) throw new BotApiError(404, "Not Found");
  return method;
}
