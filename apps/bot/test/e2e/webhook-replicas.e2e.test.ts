// Two bot processes in webhook mode behind Debian's nginx with the site config operators
// install (infra/nginx/ai-library-bot.conf; only its ports and certificate paths changed for
// the test): updates posted to nginx over TLS, as Telegram posts them, are spread over both
// replicas and each is answered exactly once; a redelivered update (Telegram's retry, landing
// on the other replica) is not answered twice; a wrong secret is refused through nginx; with
// one replica stopped nginx hands its updates to the other.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "@ai-library/standins/net";
import type { TgMessage } from "@ai-library/standins/telegram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotProcess, startBotProcess } from "./bot-process.js";
import { type Scenario, startScenario } from "./scenario.js";

const SECRET = "replica-test-secret-4Jq8";
const NGINX = "/usr/sbin/nginx";
const siteFile = resolve(import.meta.dirname, "../../../../infra/nginx/ai-library-bot.conf");

let scenario: Scenario;
let replica: BotProcess;
let nginxDir: string;
let nginxPort = 0;
let stopNginx = async () => {};

/** The installed site file with the test's ports and a throwaway certificate. */
function renderSite(botPorts: number[], certDir: string): string {
  let site = readFileSync(siteFile, "utf8");
  const servers = botPorts.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`).join("\n");
  site = site.replace(/( {4}server 127\.0\.0\.1:\d+ [^\n]*\n)+/, `${servers}\n`);
  site = site.replace(/listen 443 ssl;/, `listen 127.0.0.1:${nginxPort} ssl;`);
  site = site.replace(/ssl_certificate +\S+;/, `ssl_certificate ${join(certDir, "cert.pem")};`);
  site = site.replace(/ssl_certificate_key +\S+;/, `ssl_certificate_key ${join(certDir, "key.pem")};`);
  return site;
}

async function startNginx(botPorts: number[]): Promise<void> {
  nginxDir = mkdtempSync(join(tmpdir(), "nginx-replicas-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-keyout",
      join(nginxDir, "key.pem"),
      "-out",
      join(nginxDir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  writeFileSync(join(nginxDir, "site.conf"), renderSite(botPorts, nginxDir));
  writeFileSync(
    join(nginxDir, "nginx.conf"),
    [
      "daemon off;",
      "worker_processes 1;",
      `pid ${join(nginxDir, "nginx.pid")};`,
      `error_log ${join(nginxDir, "error.log")};`,
      "events {}",
      "http {",
      // Which replica served each request, to see the updates spread over both.
      "  log_format upstream '$upstream_addr $status';",
      `  access_log ${join(nginxDir, "access.log")} upstream;`,
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
        (kind) => `  ${kind}_temp_path ${join(nginxDir, kind)};`,
      ),
      `  include ${join(nginxDir, "site.conf")};`,
      "}",
    ].join("\n"),
  );
  execFileSync(NGINX, ["-t", "-p", nginxDir, "-c", join(nginxDir, "nginx.conf")], { stdio: "pipe" });
  const child = spawn(NGINX, ["-p", nginxDir, "-c", join(nginxDir, "nginx.conf")], { stdio: "ignore" });
  const exited = new Promise((done) => child.on("exit", done));
  stopNginx = async () => {
    child.kill("SIGQUIT");
    await exited;
  };
  await scenario.standin
    .waitFor(async () => (await post({ update_id: 1 }, "wrong")).status === 403, {
      what: "nginx to answer",
    })
    .catch(() => undefined);
}

function post(update: unknown, secret = SECRET): Promise<{ status: number }> {
  return new Promise((done) => {
    const body = JSON.stringify(update);
    const req = request(
      {
        host: "127.0.0.1",
        port: nginxPort,
        path: "/telegram/webhook",
        method: "POST",
        rejectUnauthorized: false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-telegram-bot-api-secret-token": secret,
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => done({ status: response.statusCode ?? 0 }));
      },
    );
    req.on("error", () => done({ status: 0 }));
    req.end(body);
  });
}

let nextUpdateId = 10_000;
const question = (userId: number, text = "Кто зажигал огонь маяка каждый вечер?"): TgMessage =>
  scenario.standin.sendText({ id: userId, firstName: "Читатель", languageCode: "ru" }, text);

beforeAll(async () => {
  const [portA, portB] = [await freePort(), await freePort()];
  nginxPort = await freePort();
  scenario = await startScenario({
    env: {
      WEBHOOK_URL: "https://bot.example.org/telegram/webhook",
      WEBHOOK_PORT: String(portA),
      WEBHOOK_SECRET: SECRET,
    },
    ready: (standin) => standin.webhook() !== undefined,
  });
  const setWebhooks = scenario.standin.callsOf("setWebhook").length;
  replica = startBotProcess({ ...scenario.env, WEBHOOK_PORT: String(portB) }, { cwd: scenario.library.root });
  await scenario.standin.waitFor(
    () => scenario.standin.callsOf("setWebhook").length > setWebhooks || replica.child.exitCode !== null,
    { timeoutMs: 30_000, what: "the second replica to start" },
  );
  if (replica.child.exitCode !== null) throw new Error(`the replica exited:\n${replica.output()}`);
  await startNginx([portA, portB]);
}, 120_000);

afterAll(async () => {
  await stopNginx();
  await replica?.stop();
  await scenario?.close();
  if (nginxDir) rmSync(nginxDir, { recursive: true, force: true });
});

const answersTo = (userId: number) => scenario.standin.sentMessages(userId).length;

describe("bot replicas behind nginx", () => {
  it("answers every update once, spread over both replicas", async () => {
    const users = Array.from({ length: 12 }, (_, n) => 7000 + n);
    const statuses = await Promise.all(
      users.map((userId) => post({ update_id: nextUpdateId++, message: question(userId) })),
    );
    expect(statuses.map((response) => response.status)).toEqual(users.map(() => 200));
    await scenario.standin.waitFor(() => users.every((userId) => answersTo(userId) >= 1), {
      timeoutMs: 30_000,
      what: "an answer to every user",
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(users.map(answersTo)).toEqual(users.map(() => 1));
    // nginx handed the updates to both replicas (upstream address per request).
    const served = readFileSync(join(nginxDir, "access.log"), "utf8").match(/^127\.0\.0\.1:\d+ 200$/gm) ?? [];
    expect(new Set(served).size).toBe(2);
  });

  it("answers a redelivered update once, whichever replica gets it", async () => {
    const userId = 7100;
    const update = { update_id: nextUpdateId++, message: question(userId) };
    // Telegram's retry of a delivery it thinks failed: the same update_id again, in a row.
    for (let i = 0; i < 4; i++) expect((await post(update)).status).toBe(200);
    await scenario.standin.waitFor(() => answersTo(userId) >= 1, { what: "the answer" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(answersTo(userId)).toBe(1);
  });

  it("refuses an update without the right secret, through nginx", async () => {
    const userId = 7200;
    expect((await post({ update_id: nextUpdateId++, message: question(userId) }, "guess")).status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(answersTo(userId)).toBe(0);
  });

  it("keeps answering through the other replica when one stops", async () => {
    await replica.stop();
    const users = Array.from({ length: 6 }, (_, n) => 7300 + n);
    for (const userId of users)
      expect((await post({ update_id: nextUpdateId++, message: question(userId) })).status).toBe(200);
    await scenario.standin.waitFor(() => users.every((userId) => answersTo(userId) === 1), {
      timeoutMs: 30_000,
      what: "answers from the remaining replica",
    });
  });
});
