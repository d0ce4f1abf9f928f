// The bot end-to-end scenario (apps/bot/test/e2e/scenario.ts) as the reliability suite runs it:
// with the suite's known fake token and API key, LOG_DIR under the suite's logs root, and the
// bot's stdout/stderr kept there too, so the suite's secrets check reads every line it wrote.
import { type Scenario, type ScenarioOptions, startScenario } from "../../../../apps/bot/test/e2e/scenario.js";
import { recordSuiteOutput, suiteLogDir } from "./suite-logs.js";
import { SUITE_BOT_TOKEN, suiteSecretEnv } from "./suite-secrets.js";

export type { Scenario } from "../../../../apps/bot/test/e2e/scenario.js";

export async function startSuiteScenario(name: string, options: ScenarioOptions = {}): Promise<Scenario> {
  const scenario = await startScenario({
    ...options,
    standin: { token: SUITE_BOT_TOKEN, ...options.standin },
    env: {
      ...suiteSecretEnv(),
      // The suite's API key is set, so "auto" would pick the LLM: offline quotes unless a test asks.
      ANSWERER: "extractive",
      LOG_DIR: suiteLogDir(name),
      ...options.env,
    },
  });
  return {
    ...scenario,
    async close() {
      await scenario.close();
      recordSuiteOutput(name, scenario.bot.output());
    },
  };
}
