// Error tracking through the real @sentry/node SDK, in real child processes, against a local
// server that speaks Sentry's envelope protocol: what is sent (service, generation, job id),
// what is not (secrets; anything at all without SENTRY_DSN; operator typos), and that unhandled
// rejections and exceptions are reported with the process behaving as it would without Sentry.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SentryStandin, startSentryStandin } from "@ai-library/standins/sentry";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { noErrorTracking } from "../../src/error-reporting/error-tracker.js";
import { asOperatorInput, reportFailure } from "../../src/error-reporting/index.js";
import { closeLogger, createLogger } from "../../src/logging/index.js";

// Each scenario is a child process under the tsx loader that may load the Sentry SDK: 20–25 s on
// a loaded 2-core machine (one timed out at the default 30 s while evals ran beside it).
const CHILD_LIMIT_MS = 90_000;
const TEST_LIMIT_MS = 120_000;

const TOKEN = "7123456789:AAFakeTokenForTestsOnly_abcdefghijk123";
const OPENAI_KEY = "sk-test-key-0123456789abcdef";
const REDIS_PASSWORD = "redis-pass-0123456789";
const script = join(import.meta.dirname, "tracked-process.ts");

let sentry: SentryStandin;
beforeEach(async () => {
  sentry = await startSentryStandin();
});
afterEach(async () => {
  await sentry.close();
});

function runTracked(scenario: string, env: Record<string, string> = {}) {
  const logDir = mkdtempSync(join(tmpdir(), "tracked-logs-"));
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: import.meta.dirname,
    env: {
      PATH: process.env.PATH ?? "",
      TMPDIR: tmpdir(),
      TRACKED_SCENARIO: scenario,
      LOG_DIR: logDir,
      TELEGRAM_BOT_TOKEN: TOKEN,
      OPENAI_API_KEY: OPENAI_KEY,
      REDIS_URL: `redis://:${REDIS_PASSWORD}@127.0.0.1:6379`,
      SENTRY_DSN: sentry.dsn,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), CHILD_LIMIT_MS);
  return new Promise<{ code: number | null; stdout: string; stderr: string; log: string }>((resolve) => {
    child.on("exit", (code) => {
      clearTimeout(timer);
      const log = readdirSync(logDir)
        .filter((name) => name.endsWith(".log"))
        .map((name) => readFileSync(join(logDir, name), "utf8"))
        .join("");
      resolve({ code, stdout, stderr, log });
    });
  });
}

function expectNoSecrets(text: string) {
  for (const secret of ["AAFakeToken", OPENAI_KEY, REDIS_PASSWORD, "dsn-secret-value", sentry.dsn]) {
    expect(text).not.toContain(secret);
  }
}

describe("error tracking with SENTRY_DSN", () => {
  it("reports a failed job with service, generation and job id, and no secret in any byte sent", {
    timeout: TEST_LIMIT_MS,
  }, async () => {
    const result = await runTracked("report");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("sdk loaded before the report: true");
    const [event] = await sentry.waitForEvents(1);
    expect(event?.tags).toMatchObject({
      service: "worker",
      generation: "20240501T120000000Z-abcdef",
      job_id: "run-42",
      queue: "ingest-runs",
    });
    expect(event?.level).toBe("error");
    const message = event?.exception?.values?.[0]?.value ?? "";
    expect(message).toContain("request failed: https://api.telegram.org/bot[REDACTED]/sendMessage");
    expect(message).toContain("redis://:[REDACTED]@127.0.0.1:6379");
    expect(message).toContain("https://public:[REDACTED]@o1.ingest.sentry.io/2");
    for (const { raw } of sentry.envelopes) expectNoSecrets(raw);
    // The failure is also one ERROR entry in the log, its stack in the same line.
    expect(result.log.trim().split("\n")).toHaveLength(1);
    expect(result.log).toMatch(/ERROR \[worker\] Job failed for good: request failed: .*"stack":"Error: request/);
    expectNoSecrets(result.log);
  });

  it("reports an unhandled rejection and exits as Node would (bot, CLI)", { timeout: TEST_LIMIT_MS }, async () => {
    const result = await runTracked("rejection-exit");
    const [event] = await sentry.waitForEvents(1);
    expect(event?.exception?.values?.[0]?.mechanism).toMatchObject({ handled: false });
    expect(event?.tags).toMatchObject({ service: "worker", generation: "20240501T120000000Z-abcdef" });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain("still running");
    for (const { raw } of sentry.envelopes) expectNoSecrets(raw);
  });

  it("reports an unhandled rejection and runs on where the service keeps running (worker)", {
    timeout: TEST_LIMIT_MS,
  }, async () => {
    const result = await runTracked("rejection-continue");
    const [event] = await sentry.waitForEvents(1);
    expect(event?.exception?.values?.[0]?.mechanism).toMatchObject({ handled: false });
    expect(result.stdout).toContain("still running");
    expect(result.code).toBe(0);
  });

  it("reports an uncaught exception, then exits 1", { timeout: TEST_LIMIT_MS }, async () => {
    const result = await runTracked("uncaught");
    const [event] = await sentry.waitForEvents(1);
    expect(event?.level).toBe("fatal");
    expect(event?.exception?.values?.[0]?.mechanism).toMatchObject({ handled: false });
    expect(result.code).toBe(1);
  });
});

describe("error tracking loaded at the first report (the CLI)", () => {
  it("imports no SDK until there is something to report, then reports it", { timeout: TEST_LIMIT_MS }, async () => {
    const result = await runTracked("report", { TRACKED_LOAD: "first-report" });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("sdk loaded before the report: false");
    const [event] = await sentry.waitForEvents(1);
    expect(event?.tags).toMatchObject({ service: "worker", job_id: "run-42" });
    for (const { raw } of sentry.envelopes) expectNoSecrets(raw);
  });

  it("reports an uncaught exception and an unhandled rejection, then exits 1 with the error on stderr", {
    timeout: TEST_LIMIT_MS,
  }, async () => {
    for (const scenario of ["uncaught", "rejection-exit"]) {
      const before = sentry.events().length;
      const result = await runTracked(scenario, { TRACKED_LOAD: "first-report" });
      expect(result.code, scenario).toBe(1);
      expect(result.stderr, scenario).toContain("Error: request failed");
      const events = await sentry.waitForEvents(before + 1);
      expect(events[before]?.level, scenario).toBe("fatal");
      expect(events[before]?.exception?.values?.[0]?.mechanism, scenario).toMatchObject({ handled: false });
      for (const { raw } of sentry.envelopes) expectNoSecrets(raw);
    }
  });
});

describe("error tracking without SENTRY_DSN", () => {
  it("loads no SDK and sends nothing", { timeout: TEST_LIMIT_MS }, async () => {
    const result = await runTracked("report", { SENTRY_DSN: "" });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("sdk loaded before the report: false");
    expect(result.stdout).toContain("sdk loaded: false");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentry.envelopes).toEqual([]);
    expect(sentry.refused).toEqual([]);
    expect(result.log).toContain("ERROR [worker] Job failed for good");
  });
});

describe("reportFailure", () => {
  it("logs an operator's typo as one WARN line and reports nothing", { timeout: TEST_LIMIT_MS }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "failure-logs-"));
    const logger = createLogger({ service: "cli", level: "info", dir, console: false });
    const captured: unknown[] = [];
    const tracker = { ...noErrorTracking, capture: async (error: unknown) => void captured.push(error) };
    await reportFailure({ logger, tracker }, "index rollback failed", asOperatorInput(new Error("no generation x")));
    await reportFailure({ logger, tracker }, "index rollback failed", new Error("disk on fire"));
    await closeLogger(logger);
    const lines = readdirSync(dir)
      .filter((name) => name.endsWith(".log"))
      .flatMap((name) => readFileSync(join(dir, name), "utf8").trim().split("\n"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ WARN \[cli\] index rollback failed: no generation x$/);
    expect(lines[1]).toMatch(/ ERROR \[cli\] index rollback failed: disk on fire \{"stack":"Error: disk on fire\\n/);
    expect(captured).toHaveLength(1);
  });
});
