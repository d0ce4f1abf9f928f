// Issue 19, items 2 and 4: every CLI failure an operator meets on the manual's procedures is one
// paragraph — what failed, which file or variable, what to do — never a stack trace, a raw
// ENOENT/EPERM, a literal $BACKUP_DIR or a sentence said twice. `index backup --to /proc/x`
// (which spun forever in Node's recursive mkdir) is refused before anything is written.
// Real CLI processes against a temp deployment with a real index.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, runCli } from "./cli-helpers.js";

const work = mkdtempSync(join(tmpdir(), "cli-operator-failures-"));
const env = {
  INDEX_DIR: join(work, "index"),
  BOOKS_DIR: join(work, "books"),
  BACKUP_DIR: join(work, "backups"),
  LOG_DIR: join(work, "logs"),
  QUEUE_PREFIX: "test-operator-failures",
};
// A guard, not a timing assertion: the /proc case used to spin until killed.
const GUARD = { timeoutMs: 60_000 };

/** One paragraph on stderr, no trace, no raw errno text. */
function expectOneParagraph(result: CliResult): string {
  const text = result.stderr.trim();
  expect(text.length).toBeGreaterThan(0);
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/node:internal|Error: /);
  expect(text).not.toMatch(/^(ENOENT|EPERM|EACCES|ENOTDIR)\b/m);
  expect(text.split(/\n\s*\n/)).toHaveLength(1);
  return text;
}

beforeAll(async () => {
  mkdirSync(env.BOOKS_DIR, { recursive: true });
  writeFileSync(join(env.BOOKS_DIR, "bees.md"), "# Пчёлы\n\nЛиповый мёд собирают в июле, когда цветёт липа.\n");
  const ingest = await runCli(["ingest", "--inline"], env);
  expect(ingest.code, ingest.stderr).toBe(0);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("CLI failures an operator meets", () => {
  it("a missing --folder names the folder, the option and the operator's folder", async () => {
    const result = await runCli(["ingest", "--folder", "missing", "--inline"], { ...env, INIT_CWD: work });
    expect(result.code).toBe(1);
    const text = expectOneParagraph(result);
    expect(text).toContain(
      `Каталог книг ${join(work, "missing")} (--folder missing, путь от текущего каталога ${work})`,
    );
    expect(text).toContain("не существует");
  });

  it.each([
    ["an absolute BOOKS_DIR that does not exist", join(work, "no-books")],
    ["a relative BOOKS_DIR that does not exist", "no-such-books-folder"],
  ])("index rebuild with %s names BOOKS_DIR, inline and queued", async (_case, booksDir) => {
    for (const args of [
      ["index", "rebuild", "--inline"],
      ["index", "rebuild"],
      ["index", "rebuild", "--full", "--inline"],
    ]) {
      const result = await runCli(args, { ...env, BOOKS_DIR: booksDir });
      expect(result.code, args.join(" ")).toBe(1);
      const text = expectOneParagraph(result);
      expect(text).toContain(`(BOOKS_DIR=${booksDir})`);
      expect(text).toContain("Задайте в .env BOOKS_DIR");
    }
  });

  it("BOOKS_DIR on a file is named as a file", async () => {
    const file = join(work, "books.txt");
    writeFileSync(file, "not a folder");
    const result = await runCli(["index", "rebuild", "--inline"], { ...env, BOOKS_DIR: file });
    expect(result.code).toBe(1);
    expect(expectOneParagraph(result)).toContain(`Каталог книг ${file} (BOOKS_DIR=${file}) — файл, а не каталог`);
  });

  it.each(["/proc/ai-library-x", "/sys/ai-library-x"])(
    "index backup --to %s is refused before anything is written",
    async (target) => {
      const result = await runCli(["index", "backup", "--to", target], env, GUARD);
      expect(result.code).toBe(1);
      const text = expectOneParagraph(result);
      expect(text).toContain(`Резервную копию нельзя записать в ${target}`);
      expect(text).toContain("файловая система ядра");
      expect(text).toContain("Укажите в --to обычный каталог");
      expect(existsSync(target)).toBe(false);
    },
  );

  it("says the live index is unchanged once when a folder holds no books", async () => {
    const empty = join(work, "empty");
    mkdirSync(empty);
    const result = await runCli(["ingest", "--folder", empty, "--inline"], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`Индекс НЕ опубликован: в ${empty} нет книг поддерживаемых форматов`);
    expect(result.stdout.match(/не изменён|unchanged/g)).toEqual(["не изменён"]);
  });

  it("restore of an old single-file .faiss backup says what it is and what to do, not 'damaged archive'", async () => {
    const generations = join(env.INDEX_DIR, "generations");
    const [generation] = readdirSync(generations);
    const old = join(work, "index_20240501_033000.faiss");
    copyFileSync(join(generations, generation ?? "", "index.faiss"), old);
    const result = await runCli(["index", "restore", old], env);
    expect(result.code).toBe(1);
    const text = expectOneParagraph(result);
    expect(text).toContain("отдельный файл FAISS старого бота");
    expect(text).toContain("без текстов фрагментов");
    expect(text).toContain("pnpm ai-library index rebuild --inline");
    expect(text).not.toMatch(/damaged|truncated|повреждён|обрезан|TAR_ENTRY/);
  });

  it("a damaged archive names the configured BACKUP_DIR, not a literal $BACKUP_DIR", async () => {
    const broken = join(work, "index_20240502_033000.tar.gz");
    writeFileSync(broken, "not a gzip stream");
    const result = await runCli(["index", "restore", broken], env);
    expect(result.code).toBe(1);
    const text = expectOneParagraph(result);
    expect(text).toContain(`ls -l ${env.BACKUP_DIR}`);
    expect(text).not.toContain("$BACKUP_DIR");
  });

  it("INDEX_DIR on the old index file and the old FAISS_PATH are configuration errors, not ENOTDIR", async () => {
    const oldFile = join(work, "index.faiss");
    writeFileSync(oldFile, "IxFI");
    const onFile = await runCli(["index", "list"], { ...env, INDEX_DIR: oldFile });
    expect(onFile.code).toBe(78);
    expect(expectOneParagraph(onFile)).toContain(`INDEX_DIR=${JSON.stringify(oldFile)} — файл, а не каталог`);
    const { INDEX_DIR: _unset, ...withoutIndexDir } = env;
    const faissPath = await runCli(["index", "list"], { ...withoutIndexDir, FAISS_PATH: "./data/index.faiss" });
    expect(faissPath.code).toBe(78);
    expect(expectOneParagraph(faissPath)).toContain('INDEX_DIR="./data/index"');
  });
});
