import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, envSchema, parseConfig, secretValues } from "../../src/config/index.js";

const repoRoot = join(import.meta.dirname, "..", "..", "..", "..");

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("config", () => {
  it("starts with defaults on an empty environment (the offline default)", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      LOG_LEVEL: "info",
      INDEX_DIR: "data/index",
      BOOKS_DIR: "data/books",
      INGESTION_ENABLED: true,
      EMBEDDINGS_PROVIDER: "local",
      REDIS_URL: "redis://127.0.0.1:6379",
    });
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it("lists every bad variable in one error, each by name", () => {
    const problems = problemsOf({
      LOG_LEVEL: "loud",
      INGESTION_ENABLED: "maybe",
      REDIS_URL: "localhost",
      CHUNK_SIZE: "big",
      ALLOWED_USER_IDS: "12,abc",
      OPENAI_BASE_URL: "not a url",
    });
    for (const name of [
      "LOG_LEVEL",
      "INGESTION_ENABLED",
      "REDIS_URL",
      "CHUNK_SIZE",
      "ALLOWED_USER_IDS",
      "OPENAI_BASE_URL",
    ]) {
      expect(problems.some((problem) => problem.startsWith(`${name} `))).toBe(true);
    }
    expect(problems).toHaveLength(6);
    // In the operators' language, zod's own messages included (docs/ARCHITECTURE.md, «Язык сообщений»).
    expect(problems).toContain('CHUNK_SIZE имеет значение "big": ожидалось целое число');
    expect(problems.join("\n")).not.toMatch(/expected|Invalid input/i);
  });

  it("checks rules across variables and points FAISS_PATH users to INDEX_DIR", () => {
    const problems = problemsOf({
      CHUNK_SIZE: "500",
      CHUNK_OVERLAP: "600",
      EMBEDDINGS_PROVIDER: "openai",
      WEBHOOK_URL: "https://bot.example.org/hook",
      FAISS_PATH: "/srv/index.faiss",
    });
    expect(problems.join("\n")).toMatch(/CHUNK_OVERLAP.*меньше CHUNK_SIZE/);
    expect(problems.join("\n")).toMatch(/EMBEDDINGS_PROVIDER=openai требует OPENAI_API_KEY/);
    expect(problems.join("\n")).toMatch(/WEBHOOK_URL задан, а WEBHOOK_SECRET нет/);
    expect(problems.join("\n")).toMatch(/FAISS_PATH.*INDEX_DIR/);
  });

  it("never echoes a secret value in an error", () => {
    const secret = "123456789:AAHsecretsecretsecretsecretsecret12";
    const problems = problemsOf({ TELEGRAM_BOT_TOKEN: secret, LOG_LEVEL: secret, WEBHOOK_URL: "x" });
    expect(problems.join("\n")).not.toContain("AAHsecret");
  });

  it("takes SENTRY_DSN as a Sentry DSN or not at all, and treats it and the Redis password as secrets", () => {
    expect(parseConfig({}).SENTRY_DSN).toBeUndefined();
    expect(parseConfig({ SENTRY_DSN: "" }).SENTRY_DSN).toBeUndefined();
    const dsn = "https://0123456789abcdef@o42.ingest.sentry.io/4505";
    expect(parseConfig({ SENTRY_DSN: dsn }).SENTRY_DSN).toBe(dsn);
    expect(parseConfig({ SENTRY_DSN: "http://publickey@127.0.0.1:9000/1" }).SENTRY_DSN).toBeDefined();
    const pasted = "https://sentry.io/organizations/acme/projects/bot-secret-project/";
    const problems = problemsOf({ SENTRY_DSN: pasted });
    expect(problems.join("\n")).toMatch(
      /SENTRY_DSN имеет недопустимое значение \(не показано: секрет\): ожидался DSN Sentry/,
    );
    expect(problems.join("\n")).not.toContain("bot-secret-project");
    const secrets = secretValues(
      parseConfig({ SENTRY_DSN: dsn, REDIS_URL: "redis://app:pa%24%24word-42@redis:6379/0" }),
    );
    expect(secrets).toEqual(expect.arrayContaining([dsn, "pa$$word-42"]));
  });

  it("documents every variable of the schema in .env.example with its default", () => {
    const example = readFileSync(join(repoRoot, ".env.example"), "utf8");
    const documented = new Map(
      example
        .split("\n")
        .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    const defaults = parseConfig({}) as Record<string, unknown>;
    for (const name of Object.keys(envSchema.shape)) {
      expect(documented.has(name), `${name} missing from .env.example`).toBe(true);
      const value = defaults[name];
      const shown = Array.isArray(value) ? value.join(",") : value === undefined ? "" : String(value);
      expect(documented.get(name), `${name} default`).toBe(shown);
    }
    expect([...documented.keys()].filter((name) => !(name in envSchema.shape))).toEqual([]);
  });

  it("stops a real process with one message, a non-zero exit and no stack trace", () => {
    const script = `import { loadConfigOrExit } from "${join(repoRoot, "packages/shared/src/config/index.ts")}";
loadConfigOrExit({ LOG_LEVEL: "loud", REDIS_URL: "nope", TELEGRAM_BOT_TOKEN: "1:secret-token-value-xyz" }, "bot");`;
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain("LOG_LEVEL");
    expect(result.stderr).toContain("REDIS_URL");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain("secret-token-value");
  });
});
