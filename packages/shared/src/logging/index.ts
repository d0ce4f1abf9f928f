export { closeLogger, createLogger, type Logger } from "./create-logger.js";
export { createRedactor } from "./redact.js";
