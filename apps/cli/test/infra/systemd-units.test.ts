// The systemd units in infra/systemd: `systemd-analyze verify` where systemd is installed, the
// settings the issue requires (restart, stop timeout above the drain bound, env file, user,
// journald, hardening), and — the part a lint cannot show — the ExecStart of the worker and the
// bot really running under that hardening: read-only system, writable data and logs only.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { envSchema } from "@ai-library/shared/config";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../cli-helpers.js";
import { canHarden, startHardened } from "./hardened-run.js";
import { environment, only, readUnitFile, seconds, type UnitFile } from "./unit-file.js";

const unitsDir = join(repoRoot, "infra/systemd");
const SERVICES = ["ai-library-bot.service", "ai-library-worker.service", "ai-library-backup.service"];
const unit = (name: string): UnitFile => readUnitFile(join(unitsDir, name));
const hasSystemdAnalyze = spawnSync("systemd-analyze", ["--version"]).status === 0;
// The tool is installed by scripts/setup-system.sh; a missing one is a failed check, never a skipped one.
const requireSystemdAnalyze = () => {
  if (!hasSystemdAnalyze)
    throw new Error("systemd-analyze (Debian package systemd) is not installed: run bash scripts/setup-system.sh");
};
const hardened = canHarden();
// Outside /tmp: PrivateTmp gives the service an empty /tmp of its own.
const deployment = mkdtempSync(join(hardened ? "/var/tmp" : (process.env.TMPDIR ?? "/tmp"), "ai-library-units-"));
const prefix = `test-units-${process.pid}`;
const appEnv = {
  INDEX_DIR: join(deployment, "data/index"),
  BOOKS_DIR: join(deployment, "data/books"),
  BACKUP_DIR: join(deployment, "data/backups"),
  LOG_DIR: join(deployment, "logs"),
  QUEUE_PREFIX: prefix,
};

const execStart = (name: string): string[] => only(unit(name), "Service", "ExecStart").split(/\s+/);

beforeAll(async () => {
  mkdirSync(appEnv.BOOKS_DIR, { recursive: true });
  mkdirSync(appEnv.LOG_DIR, { recursive: true });
  writeFileSync(
    join(appEnv.BOOKS_DIR, "lighthouse.md"),
    "# Маяк\n\nСмотритель маяка каждый вечер зажигал огонь на башне.\n",
  );
  const ingest = await runCli(["ingest", "--inline"], appEnv);
  expect(ingest.code, ingest.stderr).toBe(0);
});

afterAll(async () => {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  rmSync(deployment, { recursive: true, force: true });
});

describe("infra/systemd units", () => {
  it("pass systemd-analyze verify with no warning", () => {
    requireSystemdAnalyze();
    const result = spawnSync(
      "systemd-analyze",
      ["verify", ...[...SERVICES, "ai-library-backup.timer"].map((name) => join(unitsDir, name))],
      { encoding: "utf8" },
    );
    expect(result.stderr.trim()).toBe("");
    expect(result.status).toBe(0);
  });

  it("restart on failure, run as a dedicated user from the checkout, log to journald, and are hardened", () => {
    for (const name of SERVICES) {
      const service = unit(name);
      const workDir = only(service, "Service", "WorkingDirectory");
      expect(only(service, "Service", "User"), name).toBe("ai-library");
      expect(only(service, "Service", "EnvironmentFile"), name).toBe(`${workDir}/.env`);
      expect(only(service, "Service", "StandardOutput"), name).toBe("journal");
      expect(only(service, "Service", "StandardError"), name).toBe("journal");
      expect(only(service, "Service", "NoNewPrivileges"), name).toBe("true");
      expect(only(service, "Service", "ProtectSystem"), name).toBe("strict");
      expect(only(service, "Service", "PrivateTmp"), name).toBe("true");
      expect(only(service, "Service", "ReadWritePaths").split(" ").sort(), name).toEqual([
        `${workDir}/data`,
        `${workDir}/logs`,
      ]);
      if (name !== "ai-library-backup.service") expect(only(service, "Service", "Restart"), name).toBe("on-failure");
    }
    expect(only(unit("ai-library-backup.timer"), "Timer", "Persistent")).toBe("true");
  });

  it("give the worker longer to stop than its drain bound, and the bot longer than its 15 s drain", () => {
    const drain = envSchema.parse({}).WORKER_SHUTDOWN_SECONDS;
    const handBack = 10; // graceful-stop hands unfinished jobs back within 10 s after the drain
    const worker = unit("ai-library-worker.service");
    expect(seconds(only(worker, "Service", "TimeoutStopSec"))).toBeGreaterThan(drain + handBack);
    expect(only(worker, "Service", "KillMode")).toBe("mixed");
    expect(seconds(only(unit("ai-library-bot.service"), "Service", "TimeoutStopSec"))).toBeGreaterThan(15);
  });

  it("start the worker with that ExecStart under that hardening: healthy, then a clean stop on SIGTERM", async () => {
    const port = 19_000 + (process.pid % 1000);
    const child = startHardened(
      {
        workDir: repoRoot,
        unitWorkDir: only(unit("ai-library-worker.service"), "Service", "WorkingDirectory"),
        command: execStart("ai-library-worker.service"),
        writable: [join(deployment, "data"), appEnv.LOG_DIR],
        env: {
          ...environment(unit("ai-library-worker.service")),
          ...appEnv,
          WORKER_METRICS_PORT: String(port),
          WORKER_SHUTDOWN_SECONDS: "5",
        },
        scratchDir: deployment,
      },
      hardened,
    );
    let output = "";
    child.stdout?.on("data", (data: Buffer) => (output += data.toString()));
    child.stderr?.on("data", (data: Buffer) => (output += data.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let healthy = false;
    for (let attempt = 0; attempt < 120 && !healthy && child.exitCode === null; attempt++) {
      healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(healthy, output).toBe(true);
    child.kill("SIGTERM");
    expect(await exited, output).toBe(0);
    expect(output).not.toMatch(/EROFS|EACCES/);
  });

  it("start the bot with that ExecStart under that hardening: it answers from the index and exits cleanly", async () => {
    const child = startHardened(
      {
        workDir: repoRoot,
        unitWorkDir: only(unit("ai-library-bot.service"), "Service", "WorkingDirectory"),
        command: execStart("ai-library-bot.service"),
        writable: [join(deployment, "data"), appEnv.LOG_DIR],
        env: { ...environment(unit("ai-library-bot.service")), ...appEnv, INDEX_POLL_SECONDS: "60" },
        scratchDir: deployment,
      },
      hardened,
    );
    let output = "";
    child.stdout?.on("data", (data: Buffer) => (output += data.toString()));
    child.stderr?.on("data", (data: Buffer) => (output += data.toString()));
    child.stdin?.end("Кто зажигал огонь на башне маяка?\n");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (exit) => resolve(exit)));
    expect(code, output).toBe(0);
    expect(output).toContain("Смотритель маяка");
    expect(output).not.toMatch(/EROFS|EACCES/);
  });

  it("give the bot and the worker huge pages for large allocations such as a FAISS index", () => {
    // GLIBC_TUNABLES=glibc.malloc.hugetlb=1: glibc asks for transparent huge pages on its large
    // blocks, which the kernel grants in its default "madvise" mode; faulting an index in 4 KiB
    // pages cost 70–90 ms per 15 MB on a VM. A 64 MiB block under each unit's environment:
    const thpMode = /\[(\w+)\]/.exec(readFileSync("/sys/kernel/mm/transparent_hugepage/enabled", "utf8"))?.[1];
    for (const name of ["ai-library-bot.service", "ai-library-worker.service"]) {
      const probe = spawnSync(
        process.execPath,
        [
          "-e",
          "const b = Buffer.alloc(64 << 20, 1); const s = require('fs').readFileSync('/proc/self/smaps_rollup', 'utf8');" +
            "console.log(/AnonHugePages:\\s+(\\d+)/.exec(s)[1]); b[0]++;",
        ],
        { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...environment(unit(name)) }, encoding: "utf8" },
      );
      expect(probe.status, probe.stderr).toBe(0);
      const hugeKb = Number(probe.stdout.trim());
      // With THP off in the kernel ("never") glibc cannot get them; the setting is then harmless.
      if (thpMode === "never") expect(hugeKb, name).toBe(0);
      else expect(hugeKb, name).toBeGreaterThanOrEqual(32 * 1024);
    }
  });

  it("keep their ExecStart executable on this machine", () => {
    for (const name of SERVICES) {
      const [executable] = execStart(name);
      expect(execFileSync(executable ?? "", ["--version"], { encoding: "utf8" })).toMatch(/^v\d+/);
    }
  });
});
