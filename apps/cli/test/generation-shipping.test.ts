// Issue 23, items 2 and 4: generations reach a bot host with its own INDEX_DIR over HTTP. The
// publisher's `index serve` and a follower's `index follow` run as real CLI processes on
// 127.0.0.1 with separate INDEX_DIRs, real Redis (own prefix, cleaned up), real FAISS; publishes,
// rollbacks and tampering are done with the real CLI on the publisher's folder.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ownSegmentOf } from "@ai-library/shared/index";
import { announceHostServing } from "@ai-library/shared/notice";
import { freePort } from "@ai-library/standins/net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./cli-helpers.js";

const work = mkdtempSync(join(tmpdir(), "cli-generation-shipping-"));
const token = randomBytes(24).toString("hex");
const prefix = `test-shipping-${randomBytes(4).toString("hex")}`;
const common = {
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  QUEUE_PREFIX: prefix,
  CLUSTER_TOKEN: token,
};
const publisher = {
  ...common,
  INDEX_DIR: join(work, "publisher/index"),
  BOOKS_DIR: join(work, "publisher/books"),
  LOG_DIR: join(work, "publisher/logs"),
  HOST_NAME: "publisher-host",
  INDEX_KEEP_GENERATIONS: "20",
};
let serverPort = 0;
type FollowerEnv = typeof common & {
  INDEX_DIR: string;
  LOG_DIR: string;
  HOST_NAME: string;
  GENERATION_SOURCE_URL: string;
  INDEX_SYNC_SECONDS: string;
  INDEX_SYNC_METRICS_PORT: string;
};
let follower = {} as FollowerEnv;
const children: ChildProcess[] = [];
let followerProcess: ChildProcess | undefined;
const redis = new Redis(common.REDIS_URL);

const liveOf = (indexDir: string) => {
  try {
    return readFileSync(join(indexDir, "LIVE"), "utf8").trim();
  } catch {
    return undefined;
  }
};

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A long-running CLI command; its output is collected, and afterAll stops it. */
function startCli(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "apps/cli/src/main.ts"), ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (data: Buffer) => {
    output += data.toString();
  });
  child.stderr?.on("data", (data: Buffer) => {
    output += data.toString();
  });
  children.push(child);
  return { child, output: () => output };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A raw GET: the path goes out exactly as written (no URL normalisation of ".."). */
function get(path: string, authorization?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: serverPort, path, headers: authorization ? { authorization } : {} },
      (response) => {
        let body = "";
        response.on("data", (data: Buffer) => {
          body += data.toString();
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function publish(book: string, text: string, env: Record<string, string> = publisher): Promise<string> {
  writeFileSync(join(publisher.BOOKS_DIR, book), text);
  const ingest = await runCli(["ingest", "--inline"], env);
  expect(ingest.code, ingest.stderr).toBe(0);
  return liveOf(publisher.INDEX_DIR) ?? "";
}

function startFollower() {
  const started = startCli(["index", "follow"], follower);
  followerProcess = started.child;
  return started;
}

const generations: string[] = [];

beforeAll(async () => {
  mkdirSync(publisher.BOOKS_DIR, { recursive: true });
  generations.push(await publish("bees.md", "# Пчёлы\n\nЛиповый мёд собирают в июле.\n"));
  serverPort = await freePort();
  follower = {
    ...common,
    INDEX_DIR: join(work, "follower/index"),
    LOG_DIR: join(work, "follower/logs"),
    HOST_NAME: "follower-host",
    GENERATION_SOURCE_URL: `http://127.0.0.1:${serverPort}`,
    // Far beyond the test: a switch within seconds can only come from the notice or the start-up reconcile.
    INDEX_SYNC_SECONDS: "3600",
    INDEX_SYNC_METRICS_PORT: String(await freePort()),
  };
  const server = startCli(["index", "serve"], {
    ...publisher,
    GENERATION_SERVER_LISTEN: `127.0.0.1:${serverPort}`,
    INDEX_SYNC_METRICS_PORT: "0",
  });
  await waitFor("the generation server", () => server.output().includes("Сервер поколений слушает"), 30_000);
}, 180_000);

afterAll(async () => {
  await Promise.all(children.map((child) => stop(child)));
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  rmSync(work, { recursive: true, force: true });
});

describe("the generation server", () => {
  it("answers 401, with no detail, without the token or with a wrong one", async () => {
    for (const authorization of [undefined, `Bearer ${"x".repeat(48)}`, `Basic ${token}`, "Bearer "]) {
      const response = await get("/live", authorization);
      expect(response, String(authorization)).toEqual({ status: 401, body: "" });
    }
    const granted = await get("/live", `Bearer ${token}`);
    expect(granted.status).toBe(200);
    expect(JSON.parse(granted.body)).toEqual({ generationId: generations[0] });
  });

  it("serves the files a manifest lists and nothing else", async () => {
    const id = generations[0] ?? "";
    const dir = join(publisher.INDEX_DIR, "generations", id);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { files: Record<string, unknown> };
    const auth = `Bearer ${token}`;
    for (const name of ["manifest.json", ...Object.keys(manifest.files)]) {
      expect((await get(`/generations/${id}/${name}`, auth)).status, name).toBe(200);
    }
    writeFileSync(join(dir, "notes.txt"), "not in the manifest");
    mkdirSync(join(publisher.INDEX_DIR, `.tmp-${id}x`));
    writeFileSync(join(publisher.INDEX_DIR, `.tmp-${id}x`, "manifest.json"), "{}");
    symlinkSync("/etc", join(publisher.INDEX_DIR, "generations", "escape"));
    const refused = [
      "/generations/../../etc/passwd",
      `/generations/${id}/../../LIVE`,
      `/generations/${id}/%2e%2e%2fLIVE`,
      `/generations/${id}/notes.txt`,
      `/generations/${id}/publish.lock`,
      `/generations/.tmp-${id}x/manifest.json`,
      "/generations/escape/passwd",
      "/LIVE",
      "/live-history",
    ];
    for (const path of refused) {
      const response = await get(path, auth);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain("root:");
    }
    rmSync(join(publisher.INDEX_DIR, "generations", "escape"));
    rmSync(join(publisher.INDEX_DIR, `.tmp-${id}x`), { recursive: true });
    rmSync(join(dir, "notes.txt"));
  });
});

describe("a follower host", () => {
  it("that was down catches up at start, and its copy passes index check", async () => {
    const started = startFollower();
    await waitFor("the follower's first reconcile", () => liveOf(follower.INDEX_DIR) === generations[0]);
    expect(started.output()).toContain("Синхронизация индекса с");
    const check = await runCli(["index", "check"], follower);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  }, 60_000);

  it("serves a new publish within seconds (the Redis notice), and says so in Redis and /metrics", async () => {
    const before = Date.now();
    generations.push(await publish("sea.md", "# Море\n\nМаяк светит кораблям ночью.\n"));
    await waitFor("the follower to switch", () => liveOf(follower.INDEX_DIR) === generations[1], 10_000);
    expect(Date.now() - before).toBeLessThan(60_000);
    const check = await runCli(["index", "check"], follower);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    // Each host's heartbeat names what it serves; the publisher's comes every 5 s.
    for (const host of ["follower-host", "publisher-host"])
      await waitFor(`the heartbeat of ${host}`, async () => {
        const beat = await redis.get(`${prefix}:index:hosts:${host}`);
        return beat !== null && (JSON.parse(beat) as { generationId?: string }).generationId === generations[1];
      });
    const metrics = await (await fetch(`http://127.0.0.1:${follower.INDEX_SYNC_METRICS_PORT}/metrics`)).text();
    expect(metrics).toContain(
      `ai_library_index_generation_info{host="follower-host",generation="${generations[1]}",service="index-follower"} 1`,
    );
    const list = await runCli(["index", "list"], publisher);
    expect(list.stdout).toMatch(new RegExp(`follower-host\\s+синхронизация\\s+${generations[1]}`));
    expect(list.stdout).toMatch(new RegExp(`publisher-host\\s+публикатор\\s+${generations[1]}`));
  }, 120_000);

  it("follows a rollback on the publisher, from its own copy", async () => {
    const rollback = await runCli(["index", "rollback"], publisher);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(liveOf(publisher.INDEX_DIR)).toBe(generations[0]);
    await waitFor("the follower to roll back", () => liveOf(follower.INDEX_DIR) === generations[0], 10_000);
    const log = readdirSync(follower.LOG_DIR)
      .map((name) => readFileSync(join(follower.LOG_DIR, name), "utf8"))
      .join("");
    expect(log).toContain(`живое поколение ${generations[0]}`);
    expect(log).toContain("своя проверенная копия, без загрузки");
  }, 60_000);

  it("refuses a tampered file, removes its temp folder and keeps its last good generation", async () => {
    await stop(followerProcess);
    const tampered = await publish("forest.md", "# Лес\n\nВ сосновом бору пахнет смолой.\n");
    // The file this publish wrote: the follower has every other one already (shared segments).
    const tamperedDir = join(publisher.INDEX_DIR, "generations", tampered);
    const own = ownSegmentOf(tamperedDir).index;
    const faiss = join(tamperedDir, own);
    const fd = openSync(faiss, "r+");
    writeSync(fd, Buffer.from([0xde, 0xad, 0xbe, 0xef]), 0, 4, 200);
    closeSync(fd);
    const once = await runCli(["index", "follow", "--once"], follower);
    expect(once.code).toBe(1);
    expect(once.stdout).toContain(`Поколение ${tampered} отклонено`);
    expect(once.stdout).toContain(own);
    expect(liveOf(follower.INDEX_DIR)).toBe(generations[0]);
    expect(readdirSync(follower.INDEX_DIR).filter((name) => name.startsWith(".tmp-"))).toEqual([]);
    expect(existsSync(join(follower.INDEX_DIR, "generations", tampered))).toBe(false);
    const check = await runCli(["index", "check"], follower);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  }, 120_000);
});

describe("retention on a multi-host deployment", () => {
  it("keeps a generation that a host's heartbeat names, and prunes the others beyond the limit", async () => {
    const named = generations[1] ?? "";
    await announceHostServing(
      redis,
      prefix,
      { host: "far-host", role: "follower", generationId: named, at: new Date().toISOString() },
      120,
    );
    const keepTwo = { ...publisher, INDEX_KEEP_GENERATIONS: "2" };
    await publish("river.md", "# Река\n\nПо реке плывут плоты.\n", keepTwo);
    await publish("field.md", "# Поле\n\nВо поле берёза стояла.\n", keepTwo);
    const left = readdirSync(join(publisher.INDEX_DIR, "generations"));
    expect(left).toContain(named);
    // Retention did run: an older generation no heartbeat names is gone.
    expect(left).not.toContain(generations[0]);
  }, 120_000);
});
