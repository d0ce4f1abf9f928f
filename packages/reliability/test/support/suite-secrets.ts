// The fake secrets every reliability test hands to the processes it starts. They are distinctive
// on purpose: the suite's last step (test/security/secrets-*.ts, run from globalSetup's teardown)
// greps every log line the suite produced for them, so a leak anywhere fails the run.
//
// Use `suiteSecretEnv()` when starting a bot, worker or CLI, and pass SUITE_BOT_TOKEN /
// SUITE_OPENAI_API_KEY to the Telegram and OpenAI stand-ins (`token`, `apiKey` options).

/** Telegram shape (`<bot id>:<35 chars>`), so the pattern-based redactor is exercised as well. */
export const SUITE_BOT_TOKEN = "7301946655:AAHsuiteFakeTokenQx7Rk2Lm9Zp4Vw8Ny3";

/** OpenAI shape (`sk-…`). */
export const SUITE_OPENAI_API_KEY = "sk-suitefake-Jq4Xr8Wm2Kp6Ld9Vz3Hn7Tc5Bf1Gy0Ru";

/** Webhook secret token: Telegram allows 1–256 of A–Z a–z 0–9 _ -; no pattern redacts this one. */
export const SUITE_WEBHOOK_SECRET = "suitefake_webhook_Zt8Pq3Lx6Vn1Kr4Wm7Hj";

/** Every secret the suite uses, with the variable it goes in. */
export const SUITE_SECRETS = {
  TELEGRAM_BOT_TOKEN: SUITE_BOT_TOKEN,
  OPENAI_API_KEY: SUITE_OPENAI_API_KEY,
  WEBHOOK_SECRET: SUITE_WEBHOOK_SECRET,
} as const;

/**
 * Strings that must never appear in a log, with the variable each comes from: each secret whole,
 * plus the part of each that is recognisable on its own (the token without its public bot id,
 * the key without `sk-`), so a leak cut or re-encoded around the prefix is caught too.
 */
export const SUITE_SECRET_NEEDLES: readonly { variable: keyof typeof SUITE_SECRETS; value: string }[] = [
  { variable: "TELEGRAM_BOT_TOKEN", value: SUITE_BOT_TOKEN },
  { variable: "TELEGRAM_BOT_TOKEN", value: SUITE_BOT_TOKEN.slice(SUITE_BOT_TOKEN.indexOf(":") + 1) },
  { variable: "OPENAI_API_KEY", value: SUITE_OPENAI_API_KEY },
  { variable: "OPENAI_API_KEY", value: SUITE_OPENAI_API_KEY.slice("sk-".length) },
  { variable: "WEBHOOK_SECRET", value: SUITE_WEBHOOK_SECRET },
];

/**
 * Environment with the bot token and API key. WEBHOOK_SECRET is added only on request, because
 * a process with WEBHOOK_URL unset ignores it anyway and webhook tests set both together.
 */
export function suiteSecretEnv(options: { webhook?: boolean } = {}): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: SUITE_BOT_TOKEN,
    OPENAI_API_KEY: SUITE_OPENAI_API_KEY,
    ...(options.webhook ? { WEBHOOK_SECRET: SUITE_WEBHOOK_SECRET } : {}),
  };
}
