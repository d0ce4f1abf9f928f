// Every command the operator docs show is a command a test runs. The docs' ```bash blocks are
// executed, in order, in a temp installation (code linked from this checkout; its own books,
// index generations, backups, logs; Redis under a test prefix; /metrics served by the real
// metrics module). Commands that need root/systemd or would change this checkout are listed
// below with the reason and the test that covers them instead. A command that is neither run
// nor exempt fails the test, so a new doc command cannot go untested.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { parseConfig } from "@ai-library/shared/config";
import { createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { listBackupFiles, listGenerations, openIndexStore, verifyGeneration } from "@ai-library/shared/index";
import { closeLogger, createLogger } from "@ai-library/shared/logging";
import { type MetricsServer, startMetricsServer } from "@ai-library/shared/metrics";
import { openIngestQueues, readQueueStatus } from "@ai-library/shared/queue";
import { createLiveLibrary } from "@ai-library/shared/retrieval";
import { freePort } from "@ai-library/standins/net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The services' own metric sets, as the bot and the worker build them.
import { createBotServiceMetrics } from "../../bot/src/metrics/bot-service-metrics.js";
import { createWorkerServiceMetrics } from "../../worker/src/metrics/worker-service-metrics.js";
import { repoRoot } from "./cli-helpers.js";
import { buildTemplate, CLI, copyDeployment, shell } from "./docs/deployment.js";
import { cliOptions, cliPath, type DocCommand, fencedCommands, inlineCliCommands } from "./docs/extract-commands.js";

const DOCS = ["docs/OPS.md", "docs/run_local.md", "docs/deploy.md", "docs/metrics.md"];
const EXEMPT: { pattern: RegExp; reason: string }[] = [
  {
    pattern: /^sudo /,
    reason:
      "a server step as root (user, files, systemctl, journalctl; systemd as PID 1); the units are verified and " +
      "their ExecStart run under their hardening in test/infra/systemd-units.test.ts",
  },
  {
    pattern: /^cd \/opt\/ai-library-bot$/,
    reason: "the production path; here every command runs in the temp installation",
  },
  { pattern: /^git (checkout|fetch|clone)\b/, reason: "would change the checkout the other tests run from" },
  {
    pattern: /^pnpm install --frozen-lockfile$/,
    reason: "reinstalls this checkout's node_modules; scripts/setup.sh (run by scripts/test.sh) runs the same install",
  },
  {
    pattern: /^pnpm --filter @ai-library\/faiss-native build$/,
    reason: "rebuilds this checkout's native addon; scripts/setup.sh runs it",
  },
  {
    pattern: /^pnpm --filter @ai-library\/bot build$/,
    reason:
      "rebuilds this checkout's search-process bundle (pnpm refuses the temp installation's linked node_modules); " +
      "scripts/setup.sh runs it and apps/bot/test/e2e/search-process-bundle.e2e.test.ts builds and runs one",
  },
  {
    pattern: /^pnpm --filter @ai-library\/(bot|worker) start$/,
    reason: "long-running services; the bot's e2e tests and test/infra/systemd-units.test.ts start them",
  },
  { pattern: /^bash scripts\/(setup|test)\.sh$/, reason: "installs the machine / is the whole test suite" },
];
const OPTIONAL_TOOLS = ["promtool", "systemd-analyze"];

const prefix = `test-docs-${randomBytes(4).toString("hex")}`;
const env = { QUEUE_PREFIX: prefix, REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" };
const redis = new Redis(env.REDIS_URL);
const queues = openIngestQueues(redis, prefix);
const servers: MetricsServer[] = [];
const cleanups: (() => void)[] = [];
let template = "";

beforeAll(async () => {
  template = await buildTemplate(env);
}, 300_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  for (const cleanup of cleanups) cleanup();
  await queues.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  rmSync(template, { recursive: true, force: true });
});

/** /metrics and /healthz of a bot and a worker reading this installation, on free ports. */
async function serveMetrics(dir: string): Promise<{ bot: number; worker: number }> {
  const store = openIndexStore(join(dir, "data/index"));
  const logger = createLogger({ service: "docs-test", level: "info", dir: join(dir, "logs"), console: false });
  const embedder = createEmbedderFromConfig(parseConfig({}), { logger });
  const library = createLiveLibrary({ store, embedder, logger });
  await library.reloadIfChanged();
  cleanups.push(() => {
    library.close();
    void closeLogger(logger);
  });
  const bot = createBotServiceMetrics({ library, store });
  const worker = createWorkerServiceMetrics({
    store,
    ingestionEnabled: true,
    readQueue: () => readQueueStatus(queues, redis),
  });
  const ports: number[] = [];
  for (const metrics of [bot, worker]) {
    const server = await startMetricsServer({
      port: await freePort(),
      registry: metrics.registry,
      health: () => ({ ok: true }),
      logger,
    });
    servers.push(server);
    ports.push(server.port ?? 0);
  }
  return { bot: ports[0] ?? 0, worker: ports[1] ?? 0 };
}

/** Fills the docs' placeholders with what exists in the installation right now. */
async function substitute(command: string, dir: string, ports: { bot: number; worker: number }): Promise<string> {
  let text = command
    .replaceAll("pnpm ai-library", CLI)
    .replaceAll("127.0.0.1:9464", `127.0.0.1:${ports.bot}`)
    .replaceAll("127.0.0.1:9465", `127.0.0.1:${ports.worker}`)
    .replace(/^git log\b/, `git -C ${repoRoot} log`);
  if (text.includes("<id>")) {
    const store = openIndexStore(join(dir, "data/index"));
    const candidates = listGenerations(store)
      .filter((entry) => !entry.live)
      .reverse();
    let sound: string | undefined;
    for (const entry of candidates) {
      if ((await verifyGeneration(store.generationDir(entry.id))).ok) {
        sound = entry.id;
        break;
      }
    }
    text = text.replaceAll("<id>", sound ?? "no-older-generation");
  }
  if (text.includes("<архив>")) {
    const newest = listBackupFiles(join(dir, "data/backups")).at(-1);
    text = text.replaceAll("<архив>", newest ? relative(dir, newest) : "no-backup-yet");
  }
  const left = /<[^>\s]+>/.exec(text.replace(/<<|>>|2>&1|<\(|>\(/g, ""));
  if (left) throw new Error(`unknown placeholder ${left[0]} in: ${command}`);
  return text;
}

async function toolMissing(command: string): Promise<string | undefined> {
  const tool = OPTIONAL_TOOLS.find((name) => command.startsWith(`${name} `));
  if (!tool) return undefined;
  return (await shell(`command -v ${tool}`, "/", {})).code === 0 ? undefined : tool;
}

// A doc's commands together must finish well inside the test's own timeout: past this budget the
// rest are reported as not run (a failure), so a slow machine fails with the slow commands named
// instead of a timeout whose body keeps running into the next doc.
const DOC_BUDGET_SECONDS = 480;

describe("commands in the operator docs", () => {
  it.each(DOCS)(
    "%s: every command runs on a temp installation (or is exempt with a reason)",
    async (doc) => {
      const commands = fencedCommands(doc, readFileSync(join(repoRoot, doc), "utf8"));
      expect(commands.length).toBeGreaterThan(0);
      const dir = copyDeployment(template);
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const ports = await serveMetrics(dir);
      const failures: string[] = [];
      const skipped: string[] = [];
      const timings: string[] = [];
      let spent = 0;
      for (const entry of commands) {
        const exempt = EXEMPT.find((rule) => rule.pattern.test(entry.command));
        if (exempt) {
          skipped.push(`${doc}:${entry.line} ${entry.command} — ${exempt.reason}`);
          continue;
        }
        const missing = await toolMissing(entry.command);
        if (missing) {
          skipped.push(`${doc}:${entry.line} ${entry.command} — ${missing} is not installed here`);
          continue;
        }
        if (spent > DOC_BUDGET_SECONDS) {
          failures.push(
            `${doc}:${entry.line} \`${entry.command}\` not run: the doc's commands took over ${spent.toFixed(0)} s`,
          );
          continue;
        }
        const result = await shell(await substitute(entry.command, dir, ports), dir, env);
        spent += result.seconds;
        timings.push(`${result.seconds.toFixed(1)} s  ${doc}:${entry.line} ${entry.command}`);
        const allowed = entry.command.includes("grep") ? [0, 1] : [0];
        if (result.timedOut || !allowed.includes(result.code ?? -1)) {
          const how = result.timedOut ? `timed out after ${result.seconds.toFixed(0)} s` : `exited ${result.code}`;
          failures.push(`${doc}:${entry.line} \`${entry.command}\` ${how}:\n${result.output.slice(-1500)}`);
        }
      }
      console.log(
        `${doc}: ran ${timings.length} in ${spent.toFixed(1)} s, not run ${skipped.length}:\n  ${timings.join("\n  ")}` +
          `\n  not run:\n  ${skipped.join("\n  ")}`,
      );
      expect(failures).toEqual([]);
    },
    600_000,
  ); // OPS.md alone runs ~35 real CLI processes

  it("quote inline only CLI commands and options that their code blocks run", () => {
    const fenced: DocCommand[] = [];
    const inline: DocCommand[] = [];
    for (const doc of [...DOCS, "README.md"]) {
      const markdown = readFileSync(join(repoRoot, doc), "utf8");
      fenced.push(...fencedCommands(doc, markdown).filter((entry) => entry.command.startsWith("pnpm ai-library")));
      inline.push(...inlineCliCommands(doc, markdown));
    }
    const known = new Map<string, Set<string>>();
    for (const entry of fenced) {
      const options = known.get(cliPath(entry.command)) ?? new Set<string>();
      for (const option of cliOptions(entry.command)) options.add(option);
      known.set(cliPath(entry.command), options);
    }
    const unknown = inline.filter(
      (entry) =>
        !known.has(cliPath(entry.command)) ||
        cliOptions(entry.command).some((option) => !known.get(cliPath(entry.command))?.has(option)),
    );
    expect(unknown.map((entry) => `${entry.doc}:${entry.line} ${entry.command}`)).toEqual([]);
  });

  it("run `pnpm ai-library` as the root package.json defines it", () => {
    const scripts = (
      JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts["ai-library"]).toBe("tsx apps/cli/src/main.ts");
    expect(readdirSync(join(repoRoot, "docs"))).toEqual(expect.arrayContaining(DOCS.map((doc) => doc.slice(5))));
  });
});
