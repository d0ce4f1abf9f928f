// One winston logger per process: a daily-rotated file
// logs/ai_library_bot_<service>_YYYY-MM-DD.log plus the console, every line redacted.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import winston from "winston";
import DailyRotateFile from "winston-daily-rotate-file";
import { createRedactor } from "./redact.js";

export type Logger = winston.Logger;

export interface LoggerOptions {
  service: string;
  level: string;
  dir: string;
  /** Values to scrub from every line (bot token, API keys). */
  secrets?: readonly string[];
  console?: boolean;
  /** Days of daily files winston keeps; older ones are deleted. */
  maxDays?: number;
}

export function logFileName(service: string, date: Date): string {
  return `ai_library_bot_${service}_${date.toISOString().slice(0, 10)}.log`;
}

// One entry, one line: `grep -i error logs/… | wc -l` counts entries, and `tail`, logrotate and
// journald never split one. A stack goes into the JSON context as a field (JSON escapes its line
// breaks); a message that spans lines has its breaks written as \n.
function formatLine(info: winston.Logform.TransformableInfo): string {
  const { level, message, timestamp, service, ...rest } = info;
  const context = Object.keys(rest).length > 0 ? ` ${safeJson(rest)}` : "";
  return `${String(timestamp)} ${level.toUpperCase()} [${String(service)}] ${oneLine(String(message))}${context}`;
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, "\\n");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, inner: unknown) => (inner instanceof Error ? inner.message : inner));
  } catch {
    return "[unserialisable context]";
  }
}

export function createLogger(options: LoggerOptions): Logger {
  const redact = createRedactor(options.secrets ?? []);
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const redactedLine = winston.format.printf((info) => redact(formatLine(info)));
  const base = winston.format.combine(
    winston.format.errors({ stack: true }),
    winston.format.timestamp({ format: () => new Date().toISOString() }),
  );
  const transports: winston.transport[] = [
    new DailyRotateFile({
      dirname: dir,
      filename: `ai_library_bot_${options.service}_%DATE%.log`,
      datePattern: "YYYY-MM-DD",
      utc: true,
      maxFiles: `${options.maxDays ?? 30}d`,
      // The rotation bookkeeping file stays hidden so `ls logs/` shows only the logs.
      auditFile: join(dir, `.ai_library_bot_${options.service}-audit.json`),
      format: redactedLine,
    }),
  ];
  if (options.console !== false) {
    transports.push(
      new winston.transports.Console({
        stderrLevels: ["error", "warn", "info", "debug"],
        format: redactedLine,
      }),
    );
  }
  return winston.createLogger({
    // errors() must run at the logger level for logger.error(new Error(...)) to keep its message.
    format: base,
    level: options.level,
    defaultMeta: { service: options.service },
    transports,
  });
}

/** Flushes file transports before the process exits (winston writes asynchronously). */
export async function closeLogger(logger: Logger): Promise<void> {
  const withTimeout = (register: (done: () => void) => void) =>
    new Promise<void>((done) => {
      const timer = setTimeout(done, 3000);
      register(() => {
        clearTimeout(timer);
        done();
      });
    });
  // Ending the logger makes winston close each file transport, which ends its file stream;
  // the lines are on disk once that stream reports "finish".
  const files = logger.transports.filter(
    (transport): transport is DailyRotateFile => transport instanceof DailyRotateFile,
  );
  const flushed = files.map((transport) =>
    withTimeout((done) => {
      const stream = (transport as unknown as { logStream?: NodeJS.EventEmitter }).logStream;
      if (!stream) return done();
      stream.once("finish", done);
    }),
  );
  logger.end();
  await Promise.all(flushed);
}
