// Fault 4: the live generation is damaged — bytes flipped in each of its files in turn. For
// each file: `pnpm ai-library index check` exits non-zero naming that file; the running bot
// refuses the damaged generation at reload and keeps answering from the one it serves; a bot
// started on it falls back to the newest generation that verifies and answers from it.
import { readdirSync } from "node:fs";
import { openIndexStore } from "@ai-library/shared/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Scenario, startScenario } from "../../../../apps/bot/test/e2e/scenario.js";
import { BEES_TITLE } from "../../../../apps/bot/test/e2e/test-library.js";
import { runCli } from "../../../../apps/worker/test/helpers/processes.js";
import { createSeededRandom, seedFromEnv } from "../support/seeded-random.js";
import { suiteLogDir } from "../support/suite-logs.js";
import { damagedCopy } from "./support/corrupt-generation.js";
import { startExtraBot } from "./support/extra-bot.js";
import { recordFigures, secondsSince } from "./support/figures.js";

const BEES_QUESTION = "Что такое медогонка и как извлекают мёд?";
let scenario: Scenario;
let soundId: string;

beforeAll(async () => {
  scenario = await startScenario({ env: { LOG_DIR: suiteLogDir("faults-corrupted-bot") } });
  // A second generation with the bees book: answers about bees prove which generation serves.
  await scenario.library.addBeesBook();
  const report = await scenario.library.ingest();
  soundId = report.generationId ?? "";
  await scenario.standin.waitFor(() => scenario.bot.log().includes(`Обслуживается поколение индекса ${soundId}`), {
    timeoutMs: 20_000,
    what: "the bot to serve the second generation",
  });
});

afterAll(async () => {
  await scenario?.close();
});

const botLog = (fragment: string) =>
  scenario.bot
    .log()
    .split("\n")
    .filter((line) => line.includes(fragment));

describe("fault: corrupted live generation", () => {
  it("each file damaged in turn: check names it, the running bot refuses it, a starting bot falls back", async () => {
    const seed = seedFromEnv(process.env, "FAULTS_SEED");
    console.log(`[faults] corruption seed ${seed} (replay with FAULTS_SEED=${seed})`);
    const random = createSeededRandom(seed);
    const store = openIndexStore(scenario.library.indexDir);
    const files = readdirSync(store.generationDir(soundId)).sort();
    expect(files).toEqual(expect.arrayContaining(["docstore.bin", "index.faiss", "manifest.json"]));

    const figures: Record<string, unknown>[] = [];
    for (const [n, file] of files.entries()) {
      const startedAt = Date.now();
      const damaged = damagedCopy(store, soundId, file, random);
      store.setLive(damaged.id);

      const [check, fallback] = await Promise.all([
        runCli(["index", "check"], {
          INDEX_DIR: scenario.library.indexDir,
          LOG_DIR: suiteLogDir("faults-corrupted-cli"),
        }),
        (async () => {
          const bot = await startExtraBot(scenario.library.indexDir, scenario.library.booksDir);
          try {
            const answer = await bot.ask(500 + n, BEES_QUESTION);
            const about = await bot.ask(500 + n, "/about");
            return { answer: answer?.text ?? "", about: about?.text ?? "", log: bot.bot.log(), ...(await bot.stop()) };
          } catch (error) {
            await bot.stop();
            throw error;
          }
        })(),
      ]);

      expect(check.code, `${file}: ${check.stdout}`).toBe(1);
      expect(check.stdout).toContain(`Поколение ${damaged.id} (живое): ПОВРЕЖДЕНО`);
      expect(check.stdout).toContain(`  - ${file}: `);

      await scenario.standin.waitFor(() => botLog(`Поколение индекса ${damaged.id} отклонено`).length > 0, {
        timeoutMs: 15_000,
        what: `the running bot to refuse the generation with a damaged ${file}`,
      });
      expect(botLog(`Поколение индекса ${damaged.id} отклонено`)[0]).toContain(`по-прежнему обслуживается ${soundId}`);
      const [answer] = await scenario.ask({ id: 410 + n, languageCode: "ru" }, BEES_QUESTION);
      expect(answer?.text).toContain(BEES_TITLE);

      expect(fallback.log).toContain(`Живое поколение индекса ${damaged.id} повреждено`);
      expect(fallback.log).toContain(`вместо него обслуживается ${soundId}`);
      expect(fallback.answer).toContain(BEES_TITLE);
      expect(fallback.about).toContain(`поколение ${soundId}`);
      expect(fallback.code).toBe(0);

      figures.push({
        file,
        flippedAt: damaged.positions,
        checkReport: check.stdout.split("\n").find((line) => line.startsWith(`  - ${file}`)),
        seconds: secondsSince(startedAt),
      });
    }
    recordFigures("corrupted-generation", { seed, files: figures });
  });
});
