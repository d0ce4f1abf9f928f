// Error answers in the Bot API's envelope: { ok: false, error_code, description, parameters? }.

export class BotApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description);
    this.name = "BotApiError";
  }

  toBody(): Record<string, unknown> {
    return {
      ok: false,
      error_code: this.code,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

export const badRequest = (what: string) => new BotApiError(400, `Bad Request: ${what}`);

export const floodError = (retryAfterSeconds: number) =>
  new BotApiError(429, `Too Many Requests: retry after ${retryAfterSeconds}`, { retry_after: retryAfterSeconds });

export const conflictError = () =>
  new BotApiError(
    409,
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
  );

export const webhookActiveError = () =>
  new BotApiError(
    409,
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  );

export const badEntitiesError = () =>
  badRequest('can\'t parse entities: Unsupported start tag "scripted" at byte offset 0');
