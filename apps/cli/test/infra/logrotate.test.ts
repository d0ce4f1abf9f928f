// infra/logrotate/ai-library-bot, run by the real logrotate against a temp log folder: it must
// never touch the file winston is writing today, gzip finished days, and delete compressed days
// older than 30 (renamed files are out of winston's reach, so logrotate must clean them up).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../cli-helpers.js";

const config = readFileSync(join(repoRoot, "infra/logrotate/ai-library-bot"), "utf8");
const hasLogrotate = spawnSync("logrotate", ["--version"]).status === 0;
// The tool is installed by scripts/setup-system.sh; a missing one is a failed check, never a skipped one.
const requireLogrotate = () => {
  if (!hasLogrotate) throw new Error("logrotate is not installed: run bash scripts/setup-system.sh");
};
const DAY = 24 * 60 * 60 * 1000;

function writeAged(path: string, content: string | Buffer, ageDays: number): void {
  writeFileSync(path, content);
  const when = new Date(Date.now() - ageDays * DAY);
  utimesSync(path, when, when);
}

describe("infra/logrotate", () => {
  it("targets only the services' daily files and never recreates or truncates one", () => {
    expect(config).toMatch(/^\/opt\/ai-library-bot\/logs\/ai_library_bot_\*\.log \{$/m);
    for (const directive of ["minage 1", "nocreate", "compress", "missingok", "notifempty"]) {
      expect(config).toMatch(new RegExp(`^\\s+${directive}$`, "m"));
    }
    expect(config).not.toMatch(/copytruncate|^\s+create\b/m);
  });

  it("leaves today's file alone, gzips finished days, deletes gzipped days older than 30", () => {
    requireLogrotate();
    const root = mkdtempSync(join(tmpdir(), "logrotate-"));
    const logs = join(root, "logs");
    mkdirSync(logs);
    const user = execFileSync("id", ["-un"], { encoding: "utf8" }).trim();
    const group = execFileSync("id", ["-gn"], { encoding: "utf8" }).trim();
    writeFileSync(
      join(root, "logrotate.conf"),
      config.replaceAll("/opt/ai-library-bot/logs", logs).replace("su ai-library ai-library", `su ${user} ${group}`),
      { mode: 0o644 },
    );
    const today = join(logs, "ai_library_bot_bot_2024-05-10.log");
    const finished = join(logs, "ai_library_bot_worker_2024-05-07.log");
    writeAged(today, "written right now\n", 0);
    writeAged(finished, "a finished day\n", 3);
    writeAged(join(logs, "ai_library_bot_bot_2024-03-01.log.1.gz"), gzipSync("old\n"), 40);
    writeAged(join(logs, "ai_library_bot_bot_2024-04-25.log.1.gz"), gzipSync("recent\n"), 10);
    // As if logrotate last ran long ago, so `daily` lets it consider every file now.
    const state = join(root, "state");
    writeFileSync(state, `logrotate state -- version 2\n"${today}" 2000-1-1-0:0:0\n"${finished}" 2000-1-1-0:0:0\n`, {
      mode: 0o600,
    });
    execFileSync("logrotate", ["-s", state, join(root, "logrotate.conf")]);

    expect(readFileSync(today, "utf8")).toBe("written right now\n");
    expect(existsSync(finished)).toBe(false);
    expect(execFileSync("zcat", [`${finished}.1.gz`], { encoding: "utf8" })).toBe("a finished day\n");
    expect(existsSync(join(logs, "ai_library_bot_bot_2024-03-01.log.1.gz"))).toBe(false);
    expect(existsSync(join(logs, "ai_library_bot_bot_2024-04-25.log.1.gz"))).toBe(true);
  });
});
