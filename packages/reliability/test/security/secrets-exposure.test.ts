// Issue #9 item 10, the places a user or a scraper can see: the bot's replies (also when the
// OpenAI-protocol API refuses the key and, as the real API does, quotes it back in its error),
// the admin's /status and the /metrics page. None may show the bot token, the API key or the
// webhook secret. What they showed is kept under .logs/<run>/captured/ for the final log scan.

import { freePort } from "@ai-library/standins/net";
import { type OpenAiStandin, startOpenAiStandin } from "@ai-library/standins/openai";
import type { UserSpec } from "@ai-library/standins/telegram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordSuiteOutput } from "../support/suite-logs.js";
import { type Scenario, startSuiteScenario } from "../support/suite-scenario.js";
import { SUITE_SECRET_NEEDLES } from "../support/suite-secrets.js";
import { waitForQuiet } from "../support/wait-for-quiet.js";

const reader: UserSpec = { id: 9102, languageCode: "ru" };
const admin: UserSpec = { id: 9101, languageCode: "ru" };

let openai: OpenAiStandin;
let scenario: Scenario;
let metricsPort: number;

/** Which of the suite's secrets (by variable) appear in `text`. */
const secretsIn = (text: string) =>
  SUITE_SECRET_NEEDLES.filter(({ value }) => text.includes(value)).map(({ variable }) => variable);

beforeAll(async () => {
  // The stand-in expects another key: every call with the suite's key gets OpenAI's 401, whose
  // message repeats the key it was given ("Incorrect API key provided: sk-…").
  openai = await startOpenAiStandin({ apiKey: "sk-the-key-the-server-expects-0000000000" });
  metricsPort = await freePort();
  scenario = await startSuiteScenario("secrets-exposure", {
    env: {
      ALLOWED_USER_IDS: String(reader.id),
      ADMIN_USER_IDS: String(admin.id),
      ANSWERER: "openai",
      OPENAI_BASE_URL: openai.baseUrl,
      OPENAI_MAX_RETRIES: "0",
      BOT_METRICS_PORT: String(metricsPort),
    },
  });
});

afterAll(async () => {
  await scenario?.close();
  await openai?.close();
});

describe("secrets in what the bot shows", () => {
  it("a question whose LLM call is refused with the key quoted back gets a reply without it", async () => {
    await scenario.ask(reader, "Кто зажигал огонь маяка?", { timeoutMs: 60_000 });
    await scenario.standin.waitFor(() => openai.requests.some((request) => request.status === 401), {
      timeoutMs: 60_000,
      what: "the bot's LLM call to be refused with 401",
    });
    await waitForQuiet(scenario.standin);
    const replies = scenario.standin.sentMessages(reader.id).map((message) => message.text);
    recordSuiteOutput("secrets-exposure-replies", `${replies.join("\n---\n")}\n`);
    expect(replies.length).toBeGreaterThan(0);
    expect(secretsIn(replies.join("\n"))).toEqual([]);
    // Every parameter of every Bot API call (texts, edits, button data), not only final texts.
    const calls = JSON.stringify(scenario.standin.calls.map((call) => call.params));
    expect(secretsIn(calls)).toEqual([]);
  });

  it("/status for the admin shows no secret", async () => {
    const [status] = await scenario.ask(admin, "/status", { timeoutMs: 30_000 });
    recordSuiteOutput("secrets-exposure-status", `${status?.text ?? ""}\n`);
    expect(status?.text.length ?? 0).toBeGreaterThan(20);
    expect(secretsIn(status?.text ?? "")).toEqual([]);
  });

  it("/metrics shows no secret, in values or labels", async () => {
    const body = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    recordSuiteOutput("secrets-exposure-metrics", body);
    expect(body).toMatch(/^ai_library_bot_/m);
    expect(secretsIn(body)).toEqual([]);
  });
});
