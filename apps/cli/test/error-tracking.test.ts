// The CLI's error tracking through the real CLI process, against a local server that speaks
// Sentry's envelope protocol: a failed command is reported with the service, the live generation
// and no secret; an operator's typo and a command that succeeds send nothing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SentryStandin, startSentryStandin } from "@ai-library/standins/sentry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-helpers.js";

const TOKEN = "7123456789:AAFakeTokenForTestsOnly_abcdefghijk123";
const REDIS_PASSWORD = "queue-pass-0123456789";
const work = mkdtempSync(join(tmpdir(), "cli-error-tracking-"));
let sentry: SentryStandin;
let env: Record<string, string>;

beforeAll(async () => {
  sentry = await startSentryStandin();
  env = {
    INDEX_DIR: join(work, "index"),
    BOOKS_DIR: join(work, "books"),
    LOG_DIR: join(work, "logs"),
    TELEGRAM_BOT_TOKEN: TOKEN,
    SENTRY_DSN: sentry.dsn,
  };
  mkdirSync(env.BOOKS_DIR as string, { recursive: true });
  writeFileSync(join(work, "books", "bees.md"), "# Пчёлы\n\nЛиповый мёд пчёлы собирают в июле, когда цветёт липа.\n");
});

afterAll(async () => {
  await sentry.close();
  rmSync(work, { recursive: true, force: true });
});

describe("ai-library with SENTRY_DSN", () => {
  it("sends nothing when a command succeeds", async () => {
    const ingest = await runCli(["ingest", "--inline"], env);
    expect(ingest.code, ingest.stderr).toBe(0);
    const list = await runCli(["index", "list"], env);
    expect(list.code, list.stderr).toBe(0);
    expect(sentry.envelopes).toEqual([]);
  });

  it("reports a failed command with service and live generation, without the Redis password or the token", async () => {
    const live = readFileSync(join(work, "index", "LIVE"), "utf8").trim();
    const failed = await runCli(["queue", "status"], {
      ...env,
      REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:1`,
    });
    expect(failed.code).toBe(1);
    // Delivered before the command returned: nothing to wait for.
    const events = sentry.events();
    expect(events).toHaveLength(1);
    expect(events[0]?.tags).toMatchObject({ service: "cli", generation: live });
    expect(events[0]?.level).toBe("error");
    for (const { raw } of sentry.envelopes) {
      expect(raw).not.toContain(REDIS_PASSWORD);
      expect(raw).not.toContain("AAFakeToken");
    }
  });

  it("reports a failed `ask` without the API key", async () => {
    const before = sentry.events().length;
    const apiKey = "sk-test-key-0123456789abcdef";
    const asked = await runCli(["ask", "Когда собирают липовый мёд?"], {
      ...env,
      ANSWERER: "openai",
      OPENAI_BASE_URL: "http://127.0.0.1:1/v1",
      OPENAI_API_KEY: apiKey,
      OPENAI_MAX_RETRIES: "0",
    });
    expect(asked.code).toBe(1);
    expect(asked.stderr).toMatch(/^Ответ не получен: /);
    const events = sentry.events();
    expect(events).toHaveLength(before + 1);
    expect(events[before]?.tags).toMatchObject({ service: "cli" });
    for (const { raw } of sentry.envelopes) expect(raw).not.toContain(apiKey);
  });

  it("does not report an operator's typo", async () => {
    const before = sentry.envelopes.length;
    const typo = await runCli(["index", "rollback", "--to", "20990101T000000000Z-nosuch"], env);
    expect(typo.code).toBe(1);
    expect(sentry.envelopes.length).toBe(before);
  });
});
