// Secrets must never reach a log line. Telegraf puts the bot token in request URLs
// (https://api.telegram.org/bot<token>/getUpdates), and those URLs end up in error
// messages, so redaction works on the final text of every line, not on known fields.
const TELEGRAM_TOKEN_PATTERN = /\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g;
const OPENAI_KEY_PATTERN = /\bsk-[A-Za-z0-9_-]{16,}\b/g;
const BEARER_PATTERN = /(Bearer\s+)[A-Za-z0-9._~+/-]{8,}=*/gi;
// The password of any URL: redis://:password@host, redis://user:password@host, and the secret key
// of an old-style Sentry DSN (https://public:secret@host/1). The user name stays readable.
const URL_PASSWORD_PATTERN = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):[^\s/?#@]+@/gi;

export const REDACTED = "[REDACTED]";

export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const known = [...new Set(secrets.filter((secret) => secret.length >= 6))].sort((a, b) => b.length - a.length);
  return (text: string) => {
    let out = text;
    for (const secret of known) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out
      .replace(TELEGRAM_TOKEN_PATTERN, REDACTED)
      .replace(OPENAI_KEY_PATTERN, REDACTED)
      .replace(BEARER_PATTERN, `$1${REDACTED}`)
      .replace(URL_PASSWORD_PATTERN, `$1:${REDACTED}@`);
  };
}
