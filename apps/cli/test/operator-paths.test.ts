// Issue 19, item 3: path arguments mean what the operator typed, from the folder they typed it
// in. `pnpm ai-library …` runs the CLI in the repository root and passes that folder as
// INIT_CWD; relative settings in .env (BACKUP_DIR, BOOKS_DIR) stay relative to the root.
// Real CLI processes (and once the real `pnpm ai-library`), real books, FAISS and archives.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./cli-helpers.js";

const work = mkdtempSync(join(tmpdir(), "cli-operator-paths-"));
const env = {
  INDEX_DIR: join(work, "index"),
  BOOKS_DIR: join(work, "books"),
  BACKUP_DIR: join(work, "backups"),
  LOG_DIR: join(work, "logs"),
  // Nothing listens here: the switch notice is not what these tests are about.
  QUEUE_PREFIX: "test-operator-paths",
};
let archive = "";

const liveId = async () => {
  const listing = await runCli(["index", "list", "--json"], env);
  return (JSON.parse(listing.stdout) as { live: string }).live;
};

beforeAll(async () => {
  mkdirSync(env.BOOKS_DIR, { recursive: true });
  writeFileSync(join(env.BOOKS_DIR, "bees.md"), "# Пчёлы\n\nЛиповый мёд собирают в июле, когда цветёт липа.\n");
  const ingest = await runCli(["ingest", "--inline"], env);
  expect(ingest.code, ingest.stderr).toBe(0);
  const backup = await runCli(["index", "backup"], env);
  expect(backup.code, backup.stderr).toBe(0);
  archive = readdirSync(env.BACKUP_DIR).find((name) => name.endsWith(".tar.gz")) ?? "";
  expect(archive).toMatch(/^index_\d{8}_\d{6}\.tar\.gz$/);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("paths typed by the operator", () => {
  it("`cd data/backups && index restore index_….tar.gz` restores the archive in that folder", async () => {
    const before = await liveId();
    const restore = await runCli(["index", "restore", archive], { ...env, INIT_CWD: env.BACKUP_DIR });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain(`Восстановлено из ${join(env.BACKUP_DIR, archive)}`);
    expect(await liveId()).not.toBe(before);
  });

  it("`index backup --to offsite` writes into the operator's folder, not the repository's", async () => {
    const operatorFolder = join(work, "operator");
    mkdirSync(operatorFolder);
    const backup = await runCli(["index", "backup", "--to", "offsite", "--json"], { ...env, INIT_CWD: operatorFolder });
    expect(backup.code, backup.stderr).toBe(0);
    const file = (JSON.parse(backup.stdout) as { file: string }).file;
    expect(file.startsWith(join(operatorFolder, "offsite"))).toBe(true);
    expect(existsSync(join(repoRoot, "offsite"))).toBe(false);
  });

  it("`ingest --folder books --inline` reads the books folder of the operator's folder", async () => {
    const ingest = await runCli(["ingest", "--folder", "books", "--inline", "--json"], { ...env, INIT_CWD: work });
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(JSON.parse(ingest.stdout)).toMatchObject({ published: true });
  });

  it("through the real `pnpm ai-library`, run from a subfolder of the checkout", () => {
    const subfolder = join(repoRoot, "docs");
    const typed = relative(subfolder, join(env.BACKUP_DIR, archive));
    const result = spawnSync("pnpm", ["ai-library", "index", "restore", typed, "--json"], {
      cwd: subfolder,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(result.status, result.stderr).toBe(0);
    const printed = result.stdout.slice(result.stdout.indexOf("{"));
    expect(basename((JSON.parse(printed) as { source: string }).source)).toBe(archive);
  });
});
