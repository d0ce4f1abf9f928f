// A throwaway redis-server on a free port that a test may freeze with SIGSTOP (a hung server:
// connections stay open and nothing answers) and thaw again — never done to the Redis that
// other tests share. stop() thaws it first, since a stopped process cannot act on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "@ai-library/standins/net";

export interface FreezableRedis {
  readonly url: string;
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

/** On `port` when given (a test that starts Redis where a client already waits for it). */
export async function startFreezableRedis(port?: number): Promise<FreezableRedis> {
  port ??= await freePort();
  const server = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await ready(server);
  return {
    url: `redis://127.0.0.1:${port}`,
    freeze: () => server.kill("SIGSTOP"),
    thaw: () => server.kill("SIGCONT"),
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGCONT");
      server.kill("SIGTERM");
      await exited;
    },
  };
}

function ready(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      server.kill("SIGKILL");
      reject(new Error(`redis-server did not start:\n${output}`));
    }, 10_000);
    server.stdout?.on("data", (data: Buffer) => {
      output += data.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}
