// Typed queue failures: each says what is wrong and what the operator can do about it.
import { asOperatorInput } from "../error-reporting/operator-input.js";

/** Hides the password of redis://user:password@host so it never reaches a log or a message. */
export function redactRedisUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/)([^@/]*@)/, (_match, scheme: string, auth: string) =>
    auth.includes(":") ? `${scheme}${auth.split(":")[0]}:***@` : `${scheme}***@`,
  );
}

export class RedisUnavailableError extends Error {
  constructor(
    readonly url: string,
    detail: string,
  ) {
    super(
      `Redis по адресу ${url} недоступен (${detail}). Запустите Redis (systemctl start redis-server) или исправьте REDIS_URL; ` +
        "`pnpm ai-library ingest --folder <книги> --inline` индексирует без Redis.",
    );
    this.name = "RedisUnavailableError";
  }
}

/** The worker refuses to start when a job kind has no handler (or has two). */
export class JobHandlerRegistryError extends Error {
  constructor(problems: string[]) {
    super(
      `Обработчики заданий не сходятся с именами заданий: ${problems.join("; ")}. ` +
        "У каждого имени задания из queue/names.ts должен быть ровно один обработчик.",
    );
    this.name = "JobHandlerRegistryError";
  }
}

/** A job whose payload does not match the contract: never retried, the producer must be fixed. */
export class InvalidJobPayloadError extends Error {
  constructor(jobName: string, jobId: string | undefined, detail: string) {
    super(
      `Задание ${jobName} ${jobId ?? "(без id)"}: неверная полезная нагрузка (${detail}); его поставила несовместимая версия.`,
    );
    this.name = "InvalidJobPayloadError";
  }
}

export class RunNotFoundError extends Error {
  constructor(runId: string) {
    super(
      `Прогона индексации ${runId} нет ни в очереди, ни в истории. Последние прогоны: \`pnpm ai-library ingest status\`.`,
    );
    this.name = "RunNotFoundError";
    // A run id typed wrong: a WARN line, not an ERROR, and nothing sent to Sentry.
    asOperatorInput(this);
  }
}

export class BooksFolderMissingError extends Error {
  constructor(readonly folder: string) {
    super(
      `Папки книг ${folder} нет или она не читается. Создайте её или укажите --folder <каталог> (по умолчанию BOOKS_DIR).`,
    );
    this.name = "BooksFolderMissingError";
  }
}
