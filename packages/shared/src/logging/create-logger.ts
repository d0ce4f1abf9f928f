// One winston logger per process: a daily-rotated file
// logs/ai_library_bot_<service>_YYYY-MM-DD.log plus the console, every line redacted.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
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

function formatLine(info: winston.Logform.TransformableInfo): string {
  const { level, message, timestamp, service, stack, ...rest } = info;
  const context = Object.keys(rest).length > 0 ? ` ${safeJson(rest)}` : "";
  const trace = typeof stack === "string" && level === "error" ? `\n${stack}` : "";
  return `${String(timestamp)} ${level.toUpperCase()} [${String(service)}] ${String(message)}${context}${trace}`;
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
      format: winston.format.combine(base, redactedLine),
    }),
  ];
  if (options.console !== false) {
    transports.push(
      new winston.transports.Console({
        stderrLevels: ["error", "warn", "info", "debug"],
        format: winston.format.combine(base, redactedLine),
      }),
    );
  }
  return winston.createLogger({
    level: options.level,
    defaultMeta: { service: options.service },
    transports,
  });
}

/** Flushes file transports before the process exits (winston writes asynchronously). */
export async function closeLogger(logger: Logger): Promise<void> {
  await new Promise<void>((done) => {
    const timer = setTimeout(done, 2000);
    logger.on("finish", () => {
      clearTimeout(timer);
      done();
    });
    logger.end();
  });
}
