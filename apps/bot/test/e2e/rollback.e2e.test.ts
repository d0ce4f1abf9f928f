// Issue #7, the operator's recovery path end to end: the REAL bot process (behind the Telegram
// Bot API stand-in) and the REAL CLI on one INDEX_DIR. Two generations are published, the live
// one is backed up and then corrupted on disk; `index check` names the file, the bot keeps
// answering from what it loaded, `index rollback` switches it to the first generation and
// `index restore <archive>` to a verified copy of the second — with users asking all the time,
// the same bot process (PID) throughout and not one failed answer.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ownSegmentOf } from "@ai-library/shared/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runCli } from "../../../cli/test/cli-helpers.js";
import { type Scenario, startScenario } from "./scenario.js";
import { BEES_TITLE, LIGHTHOUSE_TITLE } from "./test-library.js";

const ADMIN = { id: 700, languageCode: "ru" };
const BEES_QUESTION = "Что такое медогонка и как извлекают мёд?";
// Asked without pause by the background users: the lighthouse book is in every generation.
const STEADY_QUESTION = "Кто зажигал огонь маяка?";
const FAILED_REPLY = /библиотека пока пуста|произошла ошибка|Не успел найти ответ/i;

let scenario: Scenario;
let backupDir: string;
let firstId: string;
let secondId: string;
let pid: number | undefined;

const liveId = () => readFileSync(join(scenario.library.indexDir, "LIVE"), "utf8").trim();
const cli = (...args: string[]): Promise<CliResult> =>
  runCli(args, {
    INDEX_DIR: scenario.library.indexDir,
    BOOKS_DIR: scenario.library.booksDir,
    BACKUP_DIR: backupDir,
    LOG_DIR: join(scenario.library.root, "cli-logs"),
    QUEUE_PREFIX: scenario.prefix,
  });

/** The generation the bot says it serves (/about), polled until it is `id`. */
async function waitUntilServing(id: string): Promise<void> {
  let seen = "";
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const [about] = await scenario.ask(ADMIN, "/about", { timeoutMs: 20_000 });
    seen = about?.text ?? "";
    if (seen.includes(`поколение ${id}`)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the bot did not switch to ${id}; /about says: ${seen}`);
}

async function beesAnswerCitesTheBeesBook(): Promise<boolean> {
  const [answer] = await scenario.ask(ADMIN, BEES_QUESTION, { timeoutMs: 20_000 });
  expect(answer?.text).not.toMatch(FAILED_REPLY);
  return answer?.text.includes(BEES_TITLE) ?? false;
}

beforeAll(async () => {
  scenario = await startScenario({ env: { INDEX_POLL_SECONDS: "1" } });
  backupDir = join(scenario.library.root, "backups");
  pid = scenario.bot.child.pid;
  firstId = liveId();
  await scenario.library.addBeesBook();
  const report = await scenario.library.ingest();
  secondId = report.generationId ?? "";
  expect(report.published).toBe(true);
  await waitUntilServing(secondId);
});
afterAll(async () => {
  await scenario?.close();
});

describe("backup → corruption → check → rollback → restore, with the real bot answering throughout", () => {
  it("never fails an answer, never restarts, and serves what each command made live", async () => {
    const users = Array.from({ length: 4 }, (_, n) => ({ id: 710 + n, languageCode: "ru" }));
    const failed: string[] = [];
    let answered = 0;
    let stop = false;
    const askContinuously = async (user: (typeof users)[number]) => {
      while (!stop) {
        const [reply] = await scenario.ask(user, STEADY_QUESTION, { timeoutMs: 20_000 });
        answered += 1;
        if (FAILED_REPLY.test(reply?.text ?? "") || !reply?.text.includes(LIGHTHOUSE_TITLE))
          failed.push(reply?.text ?? "");
      }
    };
    const background = Promise.all(users.map(askContinuously));
    try {
      const backup = await cli("index", "backup");
      expect(backup.code, backup.stderr).toBe(0);
      const archive = readdirSync(backupDir).find((name) => name.endsWith(".tar.gz"));
      expect(archive).toMatch(/^index_\d{8}_\d{6}\.tar\.gz$/);

      // Corrupt the FAISS file the second run wrote (its own segment; the rest it shares with the
      // first generation by hard links), as a failing disk would.
      const secondDir = join(scenario.library.indexDir, "generations", secondId);
      const own = ownSegmentOf(secondDir).index;
      const faissFile = join(secondDir, own);
      const bytes = readFileSync(faissFile);
      const at = bytes.length - 7;
      bytes[at] = (bytes[at] ?? 0) ^ 0xff;
      writeFileSync(faissFile, bytes);

      const check = await cli("index", "check");
      expect(check.code).toBe(1);
      expect(check.stdout).toContain(secondId);
      expect(check.stdout).toContain(`${own}: контрольная сумма не совпадает с манифестом`);
      // The bot serves what it had loaded: still the second generation, bees included.
      await waitUntilServing(secondId);
      expect(await beesAnswerCitesTheBeesBook()).toBe(true);

      const rollback = await cli("index", "rollback");
      expect(rollback.code, rollback.stderr).toBe(0);
      expect(rollback.stdout).toContain(`${secondId} → ${firstId}`);
      await waitUntilServing(firstId);
      expect(await beesAnswerCitesTheBeesBook()).toBe(false); // the first generation has no bees book

      const restore = await cli("index", "restore", join(backupDir, archive ?? ""));
      expect(restore.code, restore.stderr).toBe(0);
      const restoredId = liveId();
      expect([firstId, secondId]).not.toContain(restoredId);
      const recheck = await cli("index", "check");
      expect(recheck.code, recheck.stdout).toBe(0);
      await waitUntilServing(restoredId);
      expect(await beesAnswerCitesTheBeesBook()).toBe(true);
    } finally {
      stop = true;
      await background;
    }
    expect(failed).toEqual([]);
    expect(answered).toBeGreaterThan(8);
    expect(scenario.bot.child.exitCode).toBeNull();
    expect(scenario.bot.child.pid).toBe(pid);
    // One start-up of the bot in its log: it followed every switch without a restart.
    expect(scenario.bot.log().match(/Обслуживается поколение индекса/g)?.length).toBe(4);
  }, 300_000); // five CLI processes and three switches on a shared 2-core machine

  it("leaves no search process behind when the bot is killed with SIGKILL", async () => {
    const searchPids = execFileSync("pgrep", ["-P", String(pid), "-f", "faiss-search-process"], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map(Number);
    expect(searchPids[0]).toBeGreaterThan(0);
    scenario.bot.child.kill("SIGKILL");
    const alive = (target: number) => {
      try {
        process.kill(target, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 15_000;
    while (searchPids.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    // An orphaned search process would hold a copy of the index in memory until someone noticed.
    expect(searchPids.filter(alive)).toEqual([]);
  });
});
