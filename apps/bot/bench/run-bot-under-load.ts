// One measured run: start the real bot process against the Bot API stand-in, wait until its
// search process holds the index, warm it up, open the event-loop window with /status, drive
// the users, read lag and RSS with /status.
import { startTelegramStandin } from "@ai-library/standins/telegram";
import { startBotProcess } from "../test/e2e/bot-process.js";
import { removeRedisKeys } from "../test/e2e/scenario.js";
import { driveUsers, type LoadResult } from "./drive-users.js";
import { pssMb, sampleRss, scriptOf, searchProcessPid } from "./process-memory.js";
import { readStatus } from "./read-status.js";

const ADMIN = { id: 1, languageCode: "en" };

export interface LoadRun {
  load: LoadResult;
  startSeconds: number;
  /** RSS of the bot process, and of its search process (0 when none runs). */
  idleRssMb: number;
  busyRssMb: number;
  searchRssMb: number;
  /** Mean RSS while the measured load ran, sampled every 250 ms (process-memory.ts says why). */
  loadRssMb: number;
  loadSearchRssMb: number;
  /** PSS after the load: shared pages split between the two (process-memory.ts). */
  busyPssMb: number;
  searchPssMb: number;
  lagP99Ms: number;
  /** Searches the bot ran itself because the search process failed or was too slow. */
  fallbacks: number;
  /** How the search process was started: its script, e.g. dist/faiss-search-process.mjs (plain node) or the .ts source (tsx). */
  searchProcessScript: string | undefined;
}

export interface LoadRunOptions {
  work: string;
  indexDir: string;
  logDir: string;
  users: number;
  questionsPerUser: number;
  question: (userId: number, asked: number) => string;
  env: Record<string, string>;
  /** Wait until the search process's RSS reaches this (it holds the index the bot serves). */
  searchProcessReadyMb?: number;
}

export async function runBotUnderLoad(options: LoadRunOptions): Promise<LoadRun> {
  const standin = await startTelegramStandin();
  const bot = startBotProcess(
    {
      TELEGRAM_BOT_TOKEN: standin.token,
      TELEGRAM_API_ROOT: standin.apiRoot,
      INDEX_DIR: options.indexDir,
      LOG_DIR: options.logDir,
      ADMIN_USER_IDS: String(ADMIN.id),
      RATE_LIMIT_PER_MINUTE: "10000",
      INDEX_POLL_SECONDS: "60",
      QUEUE_PREFIX: "bench-bot",
      ...options.env,
    },
    { cwd: options.work },
  );
  const started = performance.now();
  try {
    await standin.waitFor(() => standin.callsOf("getUpdates").length > 0 || bot.child.exitCode !== null, {
      timeoutMs: 180_000,
      what: "the bot to start",
    });
    if (bot.child.exitCode !== null) throw new Error(`the bot exited at start:\n${bot.output().slice(-3000)}`);
    const startSeconds = (performance.now() - started) / 1000;
    const status = () => readStatus(standin, ADMIN);
    const drive = (questionsPerUser: number, firstUserId: number) =>
      driveUsers(standin, { users: options.users, questionsPerUser, firstUserId, question: options.question });
    if (options.searchProcessReadyMb) {
      const deadline = Date.now() + 15 * 60_000;
      while ((await status()).searchRssMb < options.searchProcessReadyMb) {
        if (Date.now() > deadline) throw new Error("the search process did not load the index in 15 minutes");
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
    await drive(2, 10_000);
    const idle = await status(); // also opens the event-loop window
    const botPid = bot.child.pid ?? 0;
    const searchPid = searchProcessPid(botPid);
    const sampler = sampleRss(searchPid ? [botPid, searchPid] : [botPid]);
    const load = await drive(options.questionsPerUser, 20_000);
    const [loadRssMb = 0, loadSearchRssMb = 0] = sampler.stop();
    const busy = await status();
    return {
      load,
      startSeconds,
      idleRssMb: idle.rssMb,
      busyRssMb: busy.rssMb,
      searchRssMb: busy.searchRssMb,
      loadRssMb,
      loadSearchRssMb,
      busyPssMb: pssMb(botPid),
      searchPssMb: searchPid ? pssMb(searchPid) : 0,
      lagP99Ms: busy.lagP99Ms,
      fallbacks: (bot.output().match(/ищу в боте/g) ?? []).length,
      searchProcessScript: searchPid ? scriptOf(searchPid) : undefined,
    };
  } finally {
    await bot.stop();
    await standin.close();
    await removeRedisKeys("bench-bot");
  }
}
