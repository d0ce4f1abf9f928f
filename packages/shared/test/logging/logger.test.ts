import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { logFileName } from "../../src/logging/create-logger.js";
import { closeLogger, createLogger } from "../../src/logging/index.js";
import { REDACTED } from "../../src/logging/redact.js";

const TOKEN = "7123456789:AAFakeTokenForTestsOnly_abcdefghijk123";

async function logLines(service: string, level: string, write: (logger: ReturnType<typeof createLogger>) => void) {
  const dir = mkdtempSync(join(tmpdir(), "logs-"));
  const logger = createLogger({
    service,
    level,
    dir,
    secrets: [TOKEN, "sk-test-key-0123456789abcdef"],
    console: false,
  });
  write(logger);
  await closeLogger(logger);
  const files = readdirSync(dir).filter((file) => !file.startsWith("."));
  return { files, text: files.map((file) => readFileSync(join(dir, file), "utf8")).join("") };
}

describe("logger", () => {
  it("writes logs/ai_library_bot_<service>_YYYY-MM-DD.log so the operators' grep patterns work", async () => {
    const { files, text } = await logLines("bot", "info", (logger) => {
      logger.info("Запрос от пользователя 42: как дела?");
      logger.error("something failed", { chatId: 42 });
    });
    expect(files).toEqual([logFileName("bot", new Date())]);
    expect(files[0]).toMatch(/^ai_library_bot_bot_\d{4}-\d{2}-\d{2}\.log$/);
    expect(text).toMatch(/INFO \[bot\] Запрос от пользователя 42: как дела\?/);
    expect(text).toMatch(/ERROR \[bot\] something failed \{"chatId":42\}/);
  });

  it("honours LOG_LEVEL", async () => {
    const { text } = await logLines("worker", "warn", (logger) => {
      logger.info("quiet info");
      logger.debug("quiet debug");
      logger.warn("loud warning");
    });
    expect(text).not.toContain("quiet");
    expect(text).toContain("loud warning");
  });

  it("never writes the bot token or an API key, whether in messages, context, URLs or error stacks", async () => {
    const { text } = await logLines("bot", "debug", (logger) => {
      logger.error(new Error(`request to https://api.telegram.org/bot${TOKEN}/getUpdates failed`));
      logger.warn("retrying", { url: `https://api.telegram.org/bot${TOKEN}/sendMessage` });
      logger.info("openai call", { headers: { Authorization: "Bearer sk-test-key-0123456789abcdef" } });
      logger.info(`unknown token shape 5555555555:${"Z".repeat(35)}`);
      logger.child({ update: 1 }).info(`child ${TOKEN}`);
    });
    expect(text).not.toContain("AAFakeToken");
    expect(text).not.toContain("sk-test-key");
    expect(text).not.toContain("Z".repeat(35));
    expect(text.split(REDACTED).length - 1).toBeGreaterThanOrEqual(5);
  });

  it("writes every entry on one line, an error's stack and a multi-line message included", async () => {
    const { text } = await logLines("worker", "info", (logger) => {
      logger.error(new Error("first failure"));
      logger.error("second failure", { stack: new Error("second").stack });
      logger.warn("Rollback refused: generation x does not exist.\nThe live index is unchanged.");
      logger.info("all fine");
    });
    const lines = text.trim().split("\n");
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z (ERROR|WARN|INFO) \[worker\] /);
    // What the manual's `grep -i error logs/ai_library_bot_*.log | wc -l` counts: the two entries.
    expect(lines.filter((line) => /error/i.test(line))).toHaveLength(2);
    expect(lines[0]).toMatch(/ERROR \[worker\] first failure \{"stack":"Error: first failure\\n +at /);
    expect(lines[2]).toContain("does not exist.\\nThe live index is unchanged.");
  });
});
