// A real winston logger whose lines the test can read (no file, no console).
import { Writable } from "node:stream";
import winston, { type Logger } from "winston";

export interface CapturedLogger {
  logger: Logger;
  lines(): string[];
}

export function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = winston.createLogger({
    level: "debug",
    format: winston.format.simple(),
    transports: [new winston.transports.Stream({ stream })],
  });
  return { logger, lines: () => [...lines] };
}
