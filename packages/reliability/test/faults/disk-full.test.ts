// Fault 3: the disk fills up while a new generation is being written. INDEX_DIR sits on a 512 KB
// tmpfs (or, where this process may not mount — or FAULTS_DISK_FULL=file-size-limit asks for it —
// the CLI runs under a 256 KB file-size limit, see support/disk-limits.ts). A small live generation fits; then a big book is added and the
// real `ingest --inline` must fail as a whole: exit code 1, a message naming the cause and what
// to do, the live generation untouched and still verifying, no half-built generation left.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTextBook } from "../../../../apps/worker/test/helpers/books.js";
import { suiteLogDir } from "../support/suite-logs.js";
import { type DiskLimit, mountTmpfs, runCliLimited, unmount } from "./support/disk-limits.js";
import { recordFigures, secondsSince } from "./support/figures.js";
import { indexDirLeftovers } from "./support/index-dir-leftovers.js";

const work = mkdtempSync(join(tmpdir(), "faults-disk-full-"));
const env = {
  INDEX_DIR: join(work, "index"),
  BOOKS_DIR: join(work, "books"),
  LOG_DIR: "",
};
let limit: DiskLimit;

beforeAll(() => {
  env.LOG_DIR = suiteLogDir("faults-disk-full");
  mkdirSync(env.INDEX_DIR);
  mkdirSync(env.BOOKS_DIR);
  const tmpfsBytes = 512 * 1024;
  const mounted = process.env.FAULTS_DISK_FULL !== "file-size-limit" && mountTmpfs(env.INDEX_DIR, tmpfsBytes);
  limit = mounted ? { kind: "tmpfs", bytes: tmpfsBytes } : { kind: "file-size-limit", bytes: 256 * 1024 };
  console.log(`[faults] disk full via ${limit.kind} of ${limit.bytes} bytes`);
});

afterAll(() => {
  if (limit?.kind === "tmpfs") unmount(env.INDEX_DIR);
  rmSync(work, { recursive: true, force: true });
});

const live = () => readFileSync(join(env.INDEX_DIR, "LIVE"), "utf8").trim();

describe("fault: disk full while writing a generation", () => {
  it("the publish fails as a whole, names the cause, and leaves the live generation untouched", async () => {
    writeTextBook(env.BOOKS_DIR, "small.txt", "Маяк на мысе Гром", 20);
    const first = await runCliLimited(["ingest", "--inline"], env);
    expect(first.code, first.stderr).toBe(0);
    const liveBefore = live();

    writeTextBook(env.BOOKS_DIR, "big.txt", "Пчеловодство и медогонка", 2500);
    const startedAt = Date.now();
    const full = await runCliLimited(
      ["ingest", "--inline"],
      env,
      limit.kind === "file-size-limit" ? limit.bytes : undefined,
    );
    const failSeconds = secondsSince(startedAt);

    expect(full.code, full.stdout).toBe(1);
    // Not reported as a bad book and not published without it: the whole publish failed.
    expect(full.stdout).not.toContain("Опубликовано поколение");
    const cause = limit.kind === "tmpfs" ? /нет места на диске \((ENOSPC|SQLITE_FULL)/ : /\((EFBIG|SQLITE_IOERR_WRITE)/;
    expect(full.stderr).toMatch(cause);
    expect(full.stderr).toContain("Опубликованное поколение не изменено");
    expect(full.stderr).toContain("Освободите место на диске");

    expect(live()).toBe(liveBefore);
    expect(indexDirLeftovers(env.INDEX_DIR)).toEqual([]);
    const check = await runCliLimited(["index", "check"], env);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain(`Поколение ${liveBefore} (живое): в порядке`);
    expect(readdirSync(join(env.INDEX_DIR, "generations"))).toEqual([liveBefore]);

    recordFigures("disk-full", {
      method: limit.kind,
      limitBytes: limit.bytes,
      secondsUntilFailed: failSeconds,
      operatorMessage: full.stderr.split("\n").find((line) => line.includes("Не удалось записать новое поколение")),
    });
  });
});
