// What the CLI leaves in logs/ for the manual's grep commands (docs/OPS.md, section 1), through
// the real CLI process: a question asked with `ai-library ask` is not counted as a bot user's
// question, an operator's typo is a WARN entry, and a real failure is exactly one ERROR line.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./cli-helpers.js";

const work = mkdtempSync(join(tmpdir(), "cli-log-entries-"));
const env = {
  INDEX_DIR: join(work, "data/index"),
  BOOKS_DIR: join(work, "data/books"),
  LOG_DIR: join(work, "logs"),
};
const ops = readFileSync(join(repoRoot, "docs/OPS.md"), "utf8");

/** Runs a command of docs/OPS.md as the operator does, from the installation folder. */
function operatorShell(command: string): string {
  expect(ops, `docs/OPS.md shows ${command}`).toContain(command);
  return execFileSync("bash", ["-c", command], { cwd: work, encoding: "utf8" }).trim();
}

const cliLog = () =>
  readdirSync(env.LOG_DIR)
    .filter((name) => name.startsWith("ai_library_bot_cli_"))
    .map((name) => readFileSync(join(env.LOG_DIR, name), "utf8"))
    .join("");

beforeAll(async () => {
  mkdirSync(env.BOOKS_DIR, { recursive: true });
  writeFileSync(join(env.BOOKS_DIR, "bees.md"), "# Пчёлы\n\nЛиповый мёд пчёлы собирают в июле, когда цветёт липа.\n");
  const ingest = await runCli(["ingest", "--inline"], env);
  expect(ingest.code, ingest.stderr).toBe(0);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("the CLI's log entries", () => {
  it("logs `ask` questions with their own words, so «Запрос от пользователя» counts bot users only", async () => {
    const asked = await runCli(["ask", "Когда собирают липовый мёд?"], env);
    expect(asked.code, asked.stderr).toBe(0);
    expect(cliLog()).toMatch(
      /INFO \[cli\] Вопрос из командной строки \(ai-library ask\): Когда собирают липовый мёд\?/,
    );
    expect(operatorShell('grep "Запрос от пользователя" logs/ai_library_bot_*.log | wc -l')).toBe("0");
    expect(operatorShell('grep "Вопрос из командной строки" logs/ai_library_bot_cli_*.log | wc -l')).toBe("1");
  });

  it("writes an operator's typo as WARN and a real failure as one ERROR line that grep counts once", async () => {
    const before = operatorShell("grep -i error logs/ai_library_bot_*.log | wc -l");
    expect(before).toBe("0");
    const typoId = await runCli(["index", "rollback", "--to", "20990101T000000000Z-nosuch"], env);
    expect(typoId.code).toBe(1);
    const typoFile = await runCli(["index", "restore", join(work, "index_20990101_000000.tar.gz")], env);
    expect(typoFile.code).toBe(1);
    const notADisk = await runCli(["index", "backup", "--to", "/proc/ai-library-backups"], env);
    expect(notADisk.code).toBe(1);
    // Redis not listening: a fault of the installation, not of what was typed.
    const unreachable = await runCli(["queue", "status"], { ...env, REDIS_URL: "redis://:queue-pass-123@127.0.0.1:1" });
    expect(unreachable.code).toBe(1);

    const lines = cliLog().trim().split("\n");
    expect(lines.filter((line) => / WARN \[cli\] команда index rollback не выполнена: /.test(line))).toHaveLength(1);
    expect(lines.filter((line) => / WARN \[cli\] команда index restore не выполнена: /.test(line))).toHaveLength(1);
    expect(lines.filter((line) => / WARN \[cli\] команда index backup не выполнена: /.test(line))).toHaveLength(1);
    const errors = lines.filter((line) => / ERROR \[cli\] /.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/ERROR \[cli\] команда queue status не выполнена: .*"stack":/);
    expect(cliLog()).not.toContain("queue-pass-123");
    expect(operatorShell("grep -i error logs/ai_library_bot_*.log | wc -l")).toBe("1");
  });
});
