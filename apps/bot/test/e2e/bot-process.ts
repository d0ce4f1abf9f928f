// Runs the REAL bot (apps/bot/src/main.ts under tsx) as a child process, the way an operator
// does, with only the environment a test gives it (and a temp cwd, so no .env is read).
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const repoRoot = resolve(import.meta.dirname, "../../../..");
const mainFile = join(repoRoot, "apps/bot/src/main.ts");
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface BotProcess {
  child: ChildProcess;
  output(): string;
  /** Text of every bot log file in LOG_DIR. */
  log(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startBotProcess(env: Record<string, string>, options: { cwd: string; stdin?: string }): BotProcess {
  const child = spawn(process.execPath, ["--import", tsxLoader, mainFile], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", ...env },
    stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.on("exit", (code, signal) => done({ code, signal }));
  });
  const logDir = env.LOG_DIR ?? join(options.cwd, "logs");
  return {
    child,
    output: () => output,
    log: () => {
      try {
        return readdirSync(logDir)
          .filter((name) => name.startsWith("ai_library_bot_bot_"))
          .map((name) => readFileSync(join(logDir, name), "utf8"))
          .join("");
      } catch {
        return "";
      }
    },
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
