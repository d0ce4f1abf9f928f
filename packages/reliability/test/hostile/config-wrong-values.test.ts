// Issue #9 item 8: every variable of packages/shared/src/config/schema.ts given a wrong value
// once. In-process: each wrong value alone is the one problem reported, by name. Real start-up:
// the worker, the bot and the CLI each get all the wrong values together and must refuse with
// exit 78 (EX_CONFIG), name every variable, print no stack trace and echo no secret.
// (packages/shared/test/config covers the format of the message and cross-variable rules.)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError, envSchema, parseConfig } from "@ai-library/shared/config";
import { afterAll, describe, expect, it } from "vitest";
import { suiteLogDir, teeToSuiteLog } from "../support/suite-logs.js";
import { SUITE_BOT_TOKEN, SUITE_OPENAI_API_KEY } from "../support/suite-secrets.js";
import { CONFIG_CASES, wrongValues } from "./config-cases.js";

const repoRoot = join(import.meta.dirname, "..", "..", "..", "..");
// Resolved here: the processes start in a temp folder, where `--import tsx` would not be found.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const cwd = mkdtempSync(join(tmpdir(), "config-wrong-"));

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

function startUp(entry: string, args: string[], env: Record<string, string>, logName: string) {
  const child = spawn(process.execPath, ["--import", tsxLoader, join(repoRoot, entry), ...args], {
    cwd, // a temp folder: no .env of the developer's is read (the worker's own chdir has none either)
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  teeToSuiteLog(child, logName);
  let output = "";
  child.stdout.on("data", (data: Buffer) => {
    output += data.toString();
  });
  child.stderr.on("data", (data: Buffer) => {
    output += data.toString();
  });
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("configuration: a wrong value for every variable", () => {
  it("has a case for every variable of the schema, and no case for a variable it does not have", () => {
    expect(Object.keys(CONFIG_CASES).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it.each(wrongValues())("refuses %s=%j alone, naming it in the only problem", (name, wrong) => {
    const problems = problemsOf({ [name]: wrong });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} `));
  });

  it("accepts anything for the variables that have no wrong value (why is written next to each)", () => {
    for (const [name, c] of Object.entries(CONFIG_CASES)) {
      if (!("noWrongValue" in c)) continue;
      for (const value of c.accepted) expect(problemsOf({ [name]: value }), `${name}=${value}`).toEqual([]);
    }
  });

  const allWrong = {
    ...Object.fromEntries(wrongValues()),
    // Valid secrets ride along: a refused start-up must not print them.
    TELEGRAM_BOT_TOKEN: SUITE_BOT_TOKEN,
    OPENAI_API_KEY: SUITE_OPENAI_API_KEY,
    LOG_DIR: suiteLogDir("config-wrong-values"),
  };

  it.each([
    ["worker", "apps/worker/src/main.ts", []],
    ["bot", "apps/bot/src/main.ts", []],
    ["cli", "apps/cli/src/main.ts", ["index", "list"]],
  ])("the real %s refuses to start with exit 78 and names every wrong variable", async (service, entry, args) => {
    const { code, output } = await startUp(entry, args, allWrong, `config-wrong-values-${service}`);
    expect(code).toBe(78);
    expect(output).toContain(`[${service}] Конфигурация неверна (проблем: ${wrongValues().length})`);
    const unnamed = wrongValues()
      .map(([name]) => name)
      .filter((name) => !new RegExp(`^  - ${name} `, "m").test(output));
    expect(unnamed).toEqual([]);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
    const secrets = [
      SUITE_BOT_TOKEN,
      SUITE_OPENAI_API_KEY,
      CONFIG_CASES.WEBHOOK_SECRET.wrong,
      CONFIG_CASES.CLUSTER_TOKEN.wrong,
    ];
    for (const secret of secrets) {
      expect(output).not.toContain(secret);
    }
  });
});
