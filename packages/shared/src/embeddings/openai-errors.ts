// Errors from OpenAI-compatible servers, rewritten so an operator learns what failed and
// what to do, and so that no API key ever reaches a message, a log line or a reply
// (some servers echo the presented key in their 401 text).
import { createRedactor } from "../logging/redact.js";

export type OpenAiOperation = "embeddings" | "chat completion" | "question rewrite";

/** HTTP status of an error thrown by the `openai` client (through LangChain), if any. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

/** A response header of an `openai` client error (Headers object or plain record). */
export function headerOf(error: unknown, name: string): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const headers = (error as { headers?: unknown }).headers;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (typeof headers === "object" && headers !== null) {
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === "string" ? value : undefined;
  }
  return undefined;
}

/** The server's own explanation (body `error.message`), else the error's message. */
function serverMessage(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const body = (error as { error?: { message?: unknown } }).error;
    if (typeof body?.message === "string") return body.message;
    if (error instanceof Error) return error.message.split("\n\nTroubleshooting URL")[0] ?? error.message;
  }
  return String(error);
}

function hintFor(status: number | undefined): string {
  if (status === 401 || status === 403) return "Проверьте OPENAI_API_KEY (и что этому ключу доступна модель).";
  if (status === 404) return "Проверьте имя модели (OPENAI_EMBEDDING_MODEL / OPENAI_CHAT_MODEL) и OPENAI_BASE_URL.";
  if (status === 429) {
    return "Сервер ограничивает частоту запросов или квота исчерпана: уменьшите OPENAI_MAX_CONCURRENCY, подождите или проверьте оплату.";
  }
  if (status === 400 || status === 413 || status === 422) return "Сервер отклонил запрос как некорректный.";
  return "Сервер недоступен или отвечает ошибкой: проверьте OPENAI_BASE_URL, сеть и состояние сервера.";
}

export class OpenAiRequestError extends Error {
  constructor(
    readonly operation: OpenAiOperation,
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = "OpenAiRequestError";
  }
}

/** Wraps any client error into an OpenAiRequestError whose message never contains `apiKey`. */
export function describeOpenAiFailure(
  error: unknown,
  context: { operation: OpenAiOperation; baseUrl: string; apiKey: string | undefined; attempts: number },
): OpenAiRequestError {
  const redact = createRedactor(context.apiKey ? [context.apiKey] : []);
  const status = statusOf(error);
  const statusText = status === undefined ? "нет HTTP-ответа" : `HTTP ${status}`;
  const tries = `попыток: ${context.attempts}`;
  const message =
    `Запрос OpenAI (${context.operation}) к ${context.baseUrl} не выполнен (${statusText}, ${tries}): ` +
    `${serverMessage(error)} ${hintFor(status)}`;
  return new OpenAiRequestError(context.operation, status, redact(message));
}
