// Counts every line the process logs at level error, so the old manual's "critical errors in
// the logs" alert is a Prometheus rule instead of a grep. Attach once per logger.
import { Counter, type Registry } from "prom-client";
import TransportStream from "winston-transport";
import type { Logger } from "../logging/create-logger.js";

class ErrorCountingTransport extends TransportStream {
  constructor(private readonly counter: Counter) {
    super({ level: "error" });
  }

  override log(_info: unknown, next: () => void): void {
    this.counter.inc();
    next();
  }
}

export function countLoggedErrors(logger: Logger, registry: Registry): void {
  const counter = new Counter({
    name: "ai_library_log_errors_total",
    help: "Lines logged at level error",
    registers: [registry],
  });
  logger.add(new ErrorCountingTransport(counter));
}
