// The operator's index commands through the real CLI process, against a temp deployment built
// by the real inline ingest (PDF + Markdown, real FAISS and SQLite): list, backup, a corrupted
// live generation that `check` names and `ask` survives, rollback, restore from BACKUP_DIR,
// rebuild inline and through the queue (real Redis, own prefix, cleaned up).
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writePdfBook } from "@ai-library/book-fixtures";
import { ownSegmentOf } from "@ai-library/shared/index";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-helpers.js";

const work = mkdtempSync(join(tmpdir(), "cli-index-ops-"));
const env = {
  INDEX_DIR: join(work, "index"),
  BOOKS_DIR: join(work, "books"),
  BACKUP_DIR: join(work, "backups"),
  LOG_DIR: join(work, "logs"),
  QUEUE_PREFIX: `test-index-ops-${randomBytes(4).toString("hex")}`,
};

interface Listing {
  live: string | null;
  generations: { id: string; live: boolean; books: number; chunks: number; embedder: string; bytes: number }[];
}

async function cli(...args: string[]) {
  return runCli(args, env);
}

async function listing(): Promise<Listing> {
  const result = await cli("index", "list", "--json");
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Listing;
}

async function askTitles(question: string): Promise<string[]> {
  const result = await cli("ask", "--json", "--k", "2", question);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { sources: { title: string }[] }).sources.map((source) => source.title);
}

function corrupt(path: string): void {
  const bytes = readFileSync(path);
  const at = bytes.length - 7;
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  writeFileSync(path, bytes);
}

beforeAll(async () => {
  mkdirSync(env.BOOKS_DIR, { recursive: true });
  await writePdfBook({
    path: join(env.BOOKS_DIR, "lighthouse.pdf"),
    title: "Маяк",
    pages: ["Смотритель маяка каждый вечер поднимался на башню и зажигал огонь для кораблей."],
  });
  const first = await cli("ingest", "--inline");
  expect(first.code, first.stderr).toBe(0);
  writeFileSync(join(env.BOOKS_DIR, "bees.md"), "# Пчёлы\n\nЛиповый мёд собирают в июле, когда цветёт липа.\n");
  const second = await cli("ingest", "--inline");
  expect(second.code, second.stderr).toBe(0);
});

afterAll(async () => {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  rmSync(work, { recursive: true, force: true });
});

describe("ai-library index …", () => {
  it("recovers from a corrupted live generation: backup, check, rollback, restore", async () => {
    const before = await listing();
    expect(before.generations).toHaveLength(2);
    const [second, first] = before.generations;
    expect(before.live).toBe(second?.id);
    expect(second).toMatchObject({ live: true, books: 2 });
    expect(first).toMatchObject({ live: false, books: 1 });
    expect(second?.embedder).toMatch(/^local:.+:384$/);

    const backup = await cli("index", "backup");
    expect(backup.code, backup.stderr).toBe(0);
    expect(readdirSync(env.BACKUP_DIR)).toEqual([
      expect.stringMatching(/^index_\d{8}_\d{6}\.tar\.gz$/),
      expect.stringMatching(/^index_\d{8}_\d{6}\.tar\.gz\.sha256$/),
    ]);

    // The second run's own segment (its other files are the first generation's, hard-linked):
    // an update gone wrong is undone by a rollback. Damage to a shared file is restore's business.
    const secondDir = join(env.INDEX_DIR, "generations", second?.id ?? "");
    const own = ownSegmentOf(secondDir).index;
    expect(own).not.toBe("index.faiss");
    expect(statSync(join(secondDir, "index.faiss")).ino).toBe(
      statSync(join(env.INDEX_DIR, "generations", first?.id ?? "", "index.faiss")).ino,
    );
    corrupt(join(secondDir, own));
    const [check, titles, queued] = await Promise.all([
      cli("index", "check"),
      // A reader started now falls back to the older sound generation and still answers.
      askTitles("Кто зажигал огонь на башне маяка?"),
      cli("index", "rebuild"),
    ]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("ПОВРЕЖДЕНО");
    expect(check.stdout).toContain(`${own}: контрольная сумма не совпадает с манифестом`);
    expect(check.stdout).toContain("pnpm ai-library index rollback");
    expect(titles).toContain("Маяк");
    expect(queued.code).toBe(1);
    expect(queued.stderr).toContain("index rebuild --inline");

    const rollback = await cli("index", "rollback");
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(rollback.stdout).toContain(`${second?.id} → ${first?.id}`);
    // The way back is offered only towards a sound generation: not to the corrupted one just left.
    expect(rollback.stdout).not.toContain(`--to ${second?.id}`);
    expect(rollback.stdout).toContain(`Прежнее живое поколение ${second?.id} не прошло проверку`);
    expect(await askTitles("Когда собирают липовый мёд?")).not.toContain("Пчёлы");

    const restore = await cli("index", "restore", env.BACKUP_DIR);
    expect(restore.code, restore.stderr).toBe(0);
    const after = await listing();
    expect(after.generations).toHaveLength(3);
    expect(after.generations[0]).toMatchObject({ live: true, books: 2 });
    expect(after.generations[0]?.chunks).toBe(second?.chunks);
    const checkAll = await cli("index", "check", "--all", "--json");
    expect(checkAll.code).toBe(1); // the corrupted generation is still there, and named
    const rows = JSON.parse(checkAll.stdout) as { id: string; ok: boolean; live: boolean }[];
    expect(rows.filter((row) => !row.ok).map((row) => row.id)).toEqual([second?.id]);
  });

  it("refuses unknown generations and explains an empty index", async () => {
    const [unknown, unknownCheck, empty, badRestore] = await Promise.all([
      cli("index", "rollback", "--to", "20990101T000000000Z-000000"),
      cli("index", "check", "no-such-generation"),
      runCli(["index", "check"], { ...env, INDEX_DIR: join(work, "empty-index") }),
      cli("index", "restore", join(work, "nothing-here")),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("поколения 20990101T000000000Z-000000 нет в");
    expect(unknownCheck.code).toBe(2);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("индекс ещё не собран");
    expect(badRestore.code).toBe(1);
    expect(badRestore.stderr).toContain("нет такого файла или каталога");
    expect(badRestore.stderr).toContain(`ls -l ${env.BACKUP_DIR}`);
  });

  it("rebuilds from BOOKS_DIR inline (also from scratch), and queues a forced run for the worker", async () => {
    const before = (await listing()).generations.length;
    const inline = await cli("index", "rebuild", "--inline", "--json");
    expect(inline.code, inline.stderr).toBe(0);
    expect(JSON.parse(inline.stdout)).toMatchObject({ published: true, chunkCount: expect.any(Number) });
    expect((await listing()).generations.length).toBe(before + 1);

    // From scratch: every book parsed and embedded again, and the report says so.
    const full = await cli("ingest", "--full", "--inline");
    expect(full.code, full.stderr).toBe(0);
    expect(full.stdout).toContain("проиндексировано 2, без изменений 0");
    expect(full.stdout).toMatch(
      /Полная пересборка: разобрано заново книг 2, векторизовано заново (\d+) из \1 фрагментов/,
    );

    const queued = await cli("index", "rebuild", "--json");
    expect(queued.code, queued.stderr).toBe(0);
    expect(JSON.parse(queued.stdout)).toMatchObject({ status: "enqueued", runId: expect.any(String) });
  });

  it("folds the live generation's segments into one with `index compact`, answering as before", async () => {
    writeFileSync(join(env.BOOKS_DIR, "forest.md"), "# Лес\n\nВ сосновом бору пахнет смолой и хвоей.\n");
    const added = await cli("ingest", "--inline");
    expect(added.code, added.stderr).toBe(0);
    const before = await listing();
    const liveDir = join(env.INDEX_DIR, "generations", before.live ?? "");
    expect(ownSegmentOf(liveDir).id).not.toBe("main");
    const asked = await askTitles("Чем пахнет в сосновом бору?");

    const idle = await cli("index", "compact");
    expect(idle.code, idle.stderr).toBe(0);
    expect(idle.stdout).toContain("Сводить нечего");
    const compact = await cli("index", "compact", "--force", "--json");
    expect(compact.code, compact.stderr).toBe(0);
    const outcome = JSON.parse(compact.stdout) as { kind: string; segments: number; generationId: string };
    expect(outcome).toMatchObject({ kind: "compacted", segments: 2, fromId: before.live });
    const after = await listing();
    expect(after.live).toBe(outcome.generationId);
    expect(ownSegmentOf(join(env.INDEX_DIR, "generations", outcome.generationId)).id).toBe("main");
    expect(after.generations[0]?.chunks).toBe(before.generations[0]?.chunks);
    expect(await askTitles("Чем пахнет в сосновом бору?")).toEqual(asked);
    const check = await cli("index", "check");
    expect(check.code, check.stdout).toBe(0);

    // An inline run that leaves many removed rows says how to fold them (no worker does it):
    // one book of five removed is a fifth of the rows (from 30 % a publish rebuilds whole).
    writeFileSync(join(env.BOOKS_DIR, "river.md"), "# Река\n\nВесной река разливается до самого леса.\n");
    writeFileSync(join(env.BOOKS_DIR, "field.md"), "# Поле\n\nВ августе на поле убирают рожь.\n");
    const grown = await cli("ingest", "--inline");
    expect(grown.code, grown.stderr).toBe(0);
    expect(grown.stderr).not.toContain("index compact");
    rmSync(join(env.BOOKS_DIR, "forest.md"));
    const removed = await cli("ingest", "--inline");
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stderr).toMatch(/% строк — удалённые книги: поиск обходит каждый сегмент/);
    expect(removed.stderr).toContain("pnpm ai-library index compact");
  });
});
