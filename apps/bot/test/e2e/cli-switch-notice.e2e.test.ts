// Issue 19, item 8: `index rollback` and `index restore` reach the bots at once. The REAL bot
// (polling INDEX_DIR/LIVE only every 600 s here) and the REAL CLI share one INDEX_DIR and one
// Redis prefix; the time from the CLI replacing LIVE (the file's mtime) to the bot logging the
// swap is measured. Before the CLI sent the worker's Redis notice, the bot switched only on its
// next poll — here, ten minutes later.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { announceGeneration } from "@ai-library/shared/queue";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runCli } from "../../../cli/test/cli-helpers.js";
import { type Scenario, startScenario } from "./scenario.js";

const POLL_SECONDS = 600;
/** Generous: a notice-driven switch takes about a second; the poll would take up to ten minutes. */
const SWITCH_BOUND_MS = 15_000;
const RELOADED = "Индекс обновлён без перезапуска";

let scenario: Scenario;
let redis: Redis;
let firstId = "";
let secondId = "";

const cli = (...args: string[]): Promise<CliResult> =>
  runCli(args, {
    INDEX_DIR: scenario.library.indexDir,
    BOOKS_DIR: scenario.library.booksDir,
    BACKUP_DIR: join(scenario.library.root, "backups"),
    LOG_DIR: join(scenario.library.root, "cli-logs"),
    QUEUE_PREFIX: scenario.prefix,
    REDIS_URL: "redis://127.0.0.1:6379",
  });

const reloadLines = () =>
  scenario.bot
    .log()
    .split("\n")
    .filter((line) => line.includes(RELOADED));
const swapLines = (id: string) => reloadLines().filter((line) => line.includes(`поколение ${id} `));

const liveId = () => readFileSync(join(scenario.library.indexDir, "LIVE"), "utf8").trim();

/** When the bot wrote a log line: each begins with its ISO time. */
const loggedAt = (line: string) => Date.parse(line.slice(0, line.indexOf(" ")));

/**
 * Runs a switching CLI command and measures, from the bot's own log times, how long after LIVE
 * was replaced (the file's mtime) the bot received the notice and served the new generation.
 */
async function measureSwitch(args: string[], idOf: (result: CliResult) => string) {
  const since = reloadLines().length;
  const result = await cli(...args);
  expect(result.code, result.stderr).toBe(0);
  const id = idOf(result);
  const liveChangedAt = statSync(join(scenario.library.indexDir, "LIVE")).mtimeMs;
  const swap = () =>
    reloadLines()
      .slice(since)
      .find((line) => line.includes(`поколение ${id} `));
  await scenario.standin.waitFor(() => swap() !== undefined, {
    timeoutMs: SWITCH_BOUND_MS * 2,
    what: `the bot to swap to ${id}`,
  });
  const line = swap() ?? "";
  const notice = scenario.bot
    .log()
    .split("\n")
    .find((entry) => entry.includes(`Получено уведомление о новом поколении индекса ${id}`));
  return {
    result,
    id,
    line,
    noticeMs: notice ? loggedAt(notice) - liveChangedAt : Number.NaN,
    switchMs: loggedAt(line) - liveChangedAt,
  };
}

beforeAll(async () => {
  scenario = await startScenario({ env: { INDEX_POLL_SECONDS: String(POLL_SECONDS) } });
  redis = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
  await scenario.standin.waitFor(
    () => scenario.bot.log().includes("Подписка на уведомления о новом индексе через Redis работает"),
    { timeoutMs: 30_000, what: "the Redis subscription" },
  );
  firstId = liveId();
  await scenario.library.addBeesBook();
  const report = await scenario.library.ingest();
  secondId = report.generationId ?? "";
  // The worker's own announcement, to bring the bot to the second generation first.
  await announceGeneration(redis, scenario.prefix, { generationId: secondId, publishedAt: new Date().toISOString() });
  await scenario.standin.waitFor(() => swapLines(secondId).length > 0, {
    timeoutMs: 30_000,
    what: "the bot to load the second generation",
  });
});

afterAll(async () => {
  await scenario?.close();
  redis?.disconnect();
});

describe("rollback and restore switch the running bot at once", () => {
  it("rollback: the bot swaps on the CLI's Redis notice, long before its poll", async () => {
    const backup = await cli("index", "backup");
    expect(backup.code, backup.stderr).toBe(0);
    const switched = await measureSwitch(["index", "rollback"], () => firstId);
    expect(switched.result.stdout).toContain(`${secondId} → ${firstId}`);
    expect(switched.line).toContain("redis notice");
    console.log(
      `rollback: notice in the bot ${Math.round(switched.noticeMs)} ms, ${firstId} served ${Math.round(switched.switchMs)} ms after LIVE changed (poll: ${POLL_SECONDS} s)`,
    );
    expect(switched.switchMs).toBeLessThan(SWITCH_BOUND_MS);
  });

  it("restore: the bot swaps to the restored generation on the notice", async () => {
    const switched = await measureSwitch(
      ["index", "restore", join(scenario.library.root, "backups"), "--json"],
      (result) => (JSON.parse(result.stdout) as { id: string }).id,
    );
    expect(switched.line).toContain("redis notice");
    console.log(
      `restore: notice in the bot ${Math.round(switched.noticeMs)} ms, ${switched.id} served ${Math.round(switched.switchMs)} ms after LIVE changed`,
    );
    expect(switched.switchMs).toBeLessThan(SWITCH_BOUND_MS);
    const [about] = await scenario.ask({ id: 901, languageCode: "ru" }, "/about");
    expect(about?.text).toContain(`поколение ${switched.id}`);
  });
});
