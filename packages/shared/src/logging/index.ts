export { closeLogger, createLogger, type Logger, type LoggerOptions, logFileName } from "./create-logger.js";
export { createRedactor, REDACTED } from "./redact.js";
