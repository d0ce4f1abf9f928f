// A real winston logger writing to a temporary directory only, for tests that need a Logger.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, type Logger } from "../../src/logging/index.js";

export function quietLogger(secrets: string[] = []): Logger {
  return createLogger({
    service: "test",
    level: "debug",
    dir: mkdtempSync(join(tmpdir(), "ai-library-test-logs-")),
    secrets,
    console: false,
  });
}
