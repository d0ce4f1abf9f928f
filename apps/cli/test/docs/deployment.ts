// A throwaway installation laid out like /opt/ai-library-bot: the code linked from this
// checkout, and real data/ and logs/ of its own (books, index generations built by the real
// inline ingest, a real bot log). Commands from the docs run in it exactly as written.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writePdfBook } from "@ai-library/book-fixtures";
import { repoRoot } from "../cli-helpers.js";

const LINKED = [
  "apps",
  "packages",
  "node_modules",
  "infra",
  "docs",
  "scripts",
  "package.json",
  "pnpm-lock.yaml",
  "pnpm-workspace.yaml",
  "tsconfig.base.json",
  ".env.example",
];
export const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
/** What `pnpm ai-library` runs (the root package.json script `tsx apps/cli/src/main.ts`), without pnpm's start-up. */
export const CLI = `${process.execPath} --import ${tsxLoader} apps/cli/src/main.ts`;

export interface ShellResult {
  code: number | null;
  output: string;
  seconds: number;
  timedOut: boolean;
}

/**
 * Runs one documented command with bash in its own process group. On timeout the whole group is
 * killed (a CLI's parse children included), so a stuck command ends the test with its name
 * instead of holding the pipes open and outliving it.
 */
export function shell(
  command: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<ShellResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn("bash", ["-o", "pipefail", "-c", command], {
      cwd,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    let timedOut = false;
    child.stdout.on("data", (data: Buffer) => (output += data.toString()));
    child.stderr.on("data", (data: Buffer) => (output += data.toString()));
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    let finished = false;
    const finish = (code: number | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      killGroup(); // a daemon the command left behind would otherwise keep the pipes open
      resolve({ code, output, seconds: (performance.now() - started) / 1000, timedOut });
    };
    child.on("error", (error) => {
      output += `\n${error.message}`;
      finish(null);
    });
    child.on("close", (code) => finish(code));
    child.on("exit", (code) => {
      // 'close' waits for every holder of the pipes: a child left running must not hold the test.
      setTimeout(() => finish(code), 2000).unref();
    });
  });
}

function linkCode(dir: string): void {
  for (const name of LINKED) symlinkSync(join(repoRoot, name), join(dir, name));
}

/** Builds the template installation: three generations, a bot log with a question in it. */
export async function buildTemplate(env: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "docs-deployment-"));
  linkCode(dir);
  cpSync(join(repoRoot, ".env.example"), join(dir, ".env"), { dereference: true });
  mkdirSync(join(dir, "data/books"), { recursive: true });
  mkdirSync(join(dir, "logs"));
  const books = join(dir, "data/books");
  await writePdfBook({
    path: join(books, "lighthouse.pdf"),
    title: "Маяк",
    pages: ["Смотритель маяка каждый вечер поднимался на башню и зажигал огонь для кораблей."],
  });
  const steps: [string, string][] = [
    ["bees.md", "# Пчёлы\n\nЛиповый мёд собирают в июле, когда цветёт липа.\n"],
    ["garden.txt", "Tomatoes need at least eight hours of direct sunlight every day.\n"],
  ];
  for (const step of [undefined, ...steps]) {
    if (step) writeFileSync(join(books, step[0]), step[1]);
    const ingest = await shell(`${CLI} ingest --folder data/books --inline`, dir, env);
    if (ingest.code !== 0) throw new Error(`template ingest failed:\n${ingest.output}`);
  }
  const bot = await shell(
    `echo "Кто зажигал огонь на башне маяка?" | ${process.execPath} --import ${tsxLoader} apps/bot/src/main.ts`,
    dir,
    { ...env, TELEGRAM_BOT_TOKEN: "", INDEX_POLL_SECONDS: "60" },
  );
  if (bot.code !== 0) throw new Error(`template bot run failed:\n${bot.output}`);
  return dir;
}

/** A fresh copy of the template's data, logs and .env, with the code linked again. */
export function copyDeployment(template: string): string {
  const dir = mkdtempSync(join(tmpdir(), "docs-run-"));
  linkCode(dir);
  for (const name of ["data", "logs", ".env"]) cpSync(join(template, name), join(dir, name), { recursive: true });
  return dir;
}
