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
      `Redis at ${url} is not reachable (${detail}). Start Redis (systemctl start redis-server) or fix REDIS_URL; ` +
        "`pnpm ai-library ingest --folder <books> --inline` ingests without Redis.",
    );
    this.name = "RedisUnavailableError";
  }
}

/** The worker refuses to start when a job kind has no handler (or has two). */
export class JobHandlerRegistryError extends Error {
  constructor(problems: string[]) {
    super(
      `Job handler registry is inconsistent: ${problems.join("; ")}. Every job name in queue/names.ts needs exactly one handler.`,
    );
    this.name = "JobHandlerRegistryError";
  }
}

/** A job whose payload does not match the contract: never retried, the producer must be fixed. */
export class InvalidJobPayloadError extends Error {
  constructor(jobName: string, jobId: string | undefined, detail: string) {
    super(
      `Job ${jobName} ${jobId ?? "(no id)"} has an invalid payload (${detail}); it was produced by an incompatible version.`,
    );
    this.name = "InvalidJobPayloadError";
  }
}

export class RunNotFoundError extends Error {
  constructor(runId: string) {
    super(
      `No ingest run ${runId} in the queue or its history. \`pnpm ai-library ingest status\` lists the recent runs.`,
    );
    this.name = "RunNotFoundError";
    // A run id typed wrong: a WARN line, not an ERROR, and nothing sent to Sentry.
    asOperatorInput(this);
  }
}

export class BooksFolderMissingError extends Error {
  constructor(readonly folder: string) {
    super(
      `Books folder ${folder} does not exist or is not readable. Create it, or pass --folder <dir> (default: BOOKS_DIR).`,
    );
    this.name = "BooksFolderMissingError";
  }
}
