// The bot's error tracking through the real bot process, the Bot API stand-in, the OpenAI
// stand-in (failing) and a local server that speaks Sentry's envelope protocol: an answer that
// fails is reported with the service, the served generation and the phase that failed — and
// without the bot token or the API key; the user still gets the polite reply.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type OpenAiStandin, startOpenAiStandin } from "@ai-library/standins/openai";
import { type SentryStandin, startSentryStandin } from "@ai-library/standins/sentry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scenario, startScenario } from "./scenario.js";

const reader = { id: 401, firstName: "Ира", languageCode: "ru" };
const API_KEY = "sk-test-key-0123456789abcdef";

let openai: OpenAiStandin;
let sentry: SentryStandin;
let scenario: Scenario;

beforeAll(async () => {
  openai = await startOpenAiStandin({ apiKey: API_KEY });
  sentry = await startSentryStandin();
  scenario = await startScenario({
    env: {
      ANSWERER: "openai",
      OPENAI_BASE_URL: openai.baseUrl,
      OPENAI_API_KEY: API_KEY,
      OPENAI_MAX_RETRIES: "0",
      SENTRY_DSN: sentry.dsn,
    },
  });
});
afterAll(async () => {
  await scenario?.close();
  await openai?.close();
  await sentry?.close();
});

describe("bot with SENTRY_DSN", () => {
  it("sends nothing while answers succeed", async () => {
    const [answer] = await scenario.ask(reader, "Кто зажигал огонь маяка?", { timeoutMs: 20_000 });
    expect(answer?.text).toBeTruthy();
    expect(sentry.envelopes).toEqual([]);
  });

  it("reports an answer that failed with service, generation and phase, and no secret", async () => {
    openai.script.failNext(10, { status: 500 });
    await scenario.ask(reader, "Что записывал смотритель в журнал?", { timeoutMs: 20_000 });
    const [event] = await sentry.waitForEvents(1);
    // The "searching the books…" placeholder becomes the apology.
    await scenario.standin.waitFor(
      () => scenario.standin.sentMessages(reader.id).at(-1)?.text.includes("Извините, при ответе произошла ошибка"),
      { what: "the apology" },
    );
    const live = readFileSync(join(scenario.library.indexDir, "LIVE"), "utf8").trim();
    expect(event?.tags).toMatchObject({ service: "bot", generation: live, phase: "answerer" });
    expect(event?.level).toBe("error");
    for (const { raw } of sentry.envelopes) {
      expect(raw).not.toContain(scenario.standin.token.split(":")[1]);
      expect(raw).not.toContain(API_KEY);
    }
  });
});
