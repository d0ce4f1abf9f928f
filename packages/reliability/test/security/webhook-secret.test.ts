// Issue #9, item 12: in webhook mode the bot's HTTP endpoint accepts an update only with
// X-Telegram-Bot-Api-Secret-Token equal to WEBHOOK_SECRET. Missing, wrong, truncated,
// extended, differently cased, or sent anywhere but that header: refused (401/403) and never
// processed. (Spaces around the value are not a near miss: HTTP strips them before anyone reads it.) The right one: processed exactly once. The secret never reaches a log line.
import { freePort } from "@ai-library/standins/net";
import type { TgMessage, UserSpec } from "@ai-library/standins/telegram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIGHTHOUSE_TITLE } from "../../../../apps/bot/test/e2e/test-library.js";
import { type Scenario, startSuiteScenario } from "../support/suite-scenario.js";
import { SUITE_BOT_TOKEN, SUITE_WEBHOOK_SECRET, suiteSecretEnv } from "../support/suite-secrets.js";
import { waitForQuiet } from "../support/wait-for-quiet.js";

const HEADER = "x-telegram-bot-api-secret-token";
const secret = SUITE_WEBHOOK_SECRET;
let port = 0;
let scenario: Scenario;

beforeAll(async () => {
  port = await freePort();
  scenario = await startSuiteScenario("webhook-secret", {
    env: {
      ...suiteSecretEnv({ webhook: true }),
      WEBHOOK_URL: "https://bot.example.test/tg/hook",
      WEBHOOK_PORT: String(port),
    },
    ready: (standin) => standin.webhook() !== undefined,
  });
});
afterAll(async () => {
  await scenario?.close();
});

/** Forged requests: everything a caller without the secret (or with a near miss) might send. */
const FORGED: { what: string; headers: Record<string, string>; query?: string }[] = [
  { what: "no header", headers: {} },
  { what: "empty header", headers: { [HEADER]: "" } },
  { what: "a guess", headers: { [HEADER]: "guess" } },
  { what: "the secret minus its last character", headers: { [HEADER]: secret.slice(0, -1) } },
  { what: "the secret plus a character", headers: { [HEADER]: `${secret}x` } },
  { what: "the secret in upper case", headers: { [HEADER]: secret.toUpperCase() } },
  { what: "the bot token instead", headers: { [HEADER]: SUITE_BOT_TOKEN } },
  { what: "the secret as a bearer token", headers: { authorization: `Bearer ${secret}` } },
  { what: "the secret in the query string", headers: {}, query: `?secret_token=${secret}` },
];

const post = (body: unknown, headers: Record<string, string>, query = "") =>
  fetch(`http://127.0.0.1:${port}/tg/hook${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const question = (user: UserSpec): TgMessage => scenario.standin.sendText(user, "Кто зажигал огонь маяка?");

describe("webhook secret token", () => {
  it("registers the webhook with the secret and does not poll", () => {
    expect(scenario.standin.webhook()).toEqual({ url: "https://bot.example.test/tg/hook", secretToken: secret });
    expect(scenario.standin.callsOf("getUpdates")).toHaveLength(0);
  });

  it("refuses every forged request with 401/403 and processes none of them", async () => {
    const statuses: Record<string, number> = {};
    for (const [index, forged] of FORGED.entries()) {
      const user = { id: 9100 + index, languageCode: "ru" };
      const response = await post({ update_id: 100 + index, message: question(user) }, forged.headers, forged.query);
      statuses[forged.what] = response.status;
    }
    expect(
      Object.values(statuses).every((status) => status === 401 || status === 403),
      JSON.stringify(statuses),
    ).toBe(true);
    // A flood of forged requests changes nothing either.
    const flood = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post({ update_id: 200 + i, message: question({ id: 9200 + i }) }, { [HEADER]: `forged-${i}` }),
      ),
    );
    expect(flood.every((response) => response.status === 401 || response.status === 403)).toBe(true);
    await waitForQuiet(scenario.standin, { quietMs: 1000, polling: false });
    expect(scenario.standin.sentMessages()).toEqual([]);
    expect(scenario.bot.log()).not.toContain("Запрос от пользователя");
    expect(scenario.bot.child.exitCode).toBeNull();
  });

  it("processes an update with the right secret exactly once", async () => {
    const user = { id: 9300, languageCode: "ru" };
    const response = await post({ update_id: 300, message: question(user) }, { [HEADER]: secret });
    expect(response.status).toBe(200);
    const [answer] = await scenario.replies(user.id, 0);
    expect(answer?.text).toContain(LIGHTHOUSE_TITLE);
    await waitForQuiet(scenario.standin, { quietMs: 1000, polling: false });
    expect(scenario.standin.sentMessages(user.id)).toHaveLength(1);
  });

  it("never writes the secret to its log or its output", () => {
    const log = scenario.bot.log();
    expect(log).toContain("Бот @library_test_bot запущен (webhook)");
    expect(log).not.toContain(secret);
    expect(scenario.bot.output()).not.toContain(secret);
  });
});
