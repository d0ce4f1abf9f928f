// Issue 19, item 8 at the CLI's end: `index rollback` and `index restore` publish the same Redis
// notice as the worker's publish (schema and channel from @ai-library/shared/queue), so bots
// reload at once; with Redis down the switch still happens and the operator is told to expect
// the poll instead. Real CLI processes, real Redis (own prefix, cleaned up), real index.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { subscribeToGenerations } from "@ai-library/shared/queue";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-helpers.js";

const work = mkdtempSync(join(tmpdir(), "cli-switch-notice-"));
const env = {
  INDEX_DIR: join(work, "index"),
  BOOKS_DIR: join(work, "books"),
  BACKUP_DIR: join(work, "backups"),
  LOG_DIR: join(work, "logs"),
  REDIS_URL: "redis://127.0.0.1:6379",
  QUEUE_PREFIX: `test-switch-notice-${randomBytes(4).toString("hex")}`,
  INDEX_POLL_SECONDS: "30",
};
const notices: string[] = [];
let subscription: Awaited<ReturnType<typeof subscribeToGenerations>> | undefined;

const liveId = async () =>
  (JSON.parse((await runCli(["index", "list", "--json"], env)).stdout) as { live: string }).live;

async function waitForNotice(generationId: string): Promise<void> {
  for (let waited = 0; waited < 10_000 && !notices.includes(generationId); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(notices).toContain(generationId);
}

beforeAll(async () => {
  mkdirSync(env.BOOKS_DIR, { recursive: true });
  writeFileSync(join(env.BOOKS_DIR, "bees.md"), "# Пчёлы\n\nЛиповый мёд собирают в июле.\n");
  expect((await runCli(["ingest", "--inline"], env)).code).toBe(0);
  writeFileSync(join(env.BOOKS_DIR, "sea.md"), "# Море\n\nМаяк светит кораблям ночью.\n");
  expect((await runCli(["ingest", "--inline"], env)).code).toBe(0);
  expect((await runCli(["index", "backup"], env)).code).toBe(0);
  subscription = await subscribeToGenerations({
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX,
    onNotice: (notice) => notices.push(notice.generationId),
    onError: () => {},
  });
});

afterAll(async () => {
  await subscription?.close();
  const redis = new Redis(env.REDIS_URL);
  const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  rmSync(work, { recursive: true, force: true });
});

describe("the switch notice of rollback and restore", () => {
  it("rollback announces the generation it made live, to every listener", async () => {
    const rollback = await runCli(["index", "rollback"], env);
    expect(rollback.code, rollback.stderr).toBe(0);
    const live = await liveId();
    await waitForNotice(live);
    expect(rollback.stdout).toContain("Боты получили уведомление через Redis (1) и переключатся за секунду-две");
  });

  it("restore announces the restored generation", async () => {
    const archive = readdirSync(env.BACKUP_DIR).find((name) => name.endsWith(".tar.gz")) ?? "";
    const restore = await runCli(["index", "restore", join(env.BACKUP_DIR, archive), "--json"], env);
    expect(restore.code, restore.stderr).toBe(0);
    const result = JSON.parse(restore.stdout) as { id: string; announced: { sent: boolean; listeners: number } };
    expect(result.announced).toEqual({ sent: true, listeners: 1 });
    await waitForNotice(result.id);
    expect(await liveId()).toBe(result.id);
  });

  it("with Redis down the switch still happens, and the poll is what the operator is told to expect", async () => {
    const before = await liveId();
    const rollback = await runCli(["index", "rollback"], { ...env, REDIS_URL: "redis://127.0.0.1:9" });
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(await liveId()).not.toBe(before);
    expect(rollback.stdout).toContain("Redis недоступен (redis://127.0.0.1:9: нет соединения)");
    expect(rollback.stdout).toContain("в течение 30 с");
  });
});
