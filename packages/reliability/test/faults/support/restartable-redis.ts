// A redis-server of the test's own, configured as docs/deploy.md asks (AOF, noeviction), on a
// fixed port so it can be restarted in place, stopped, or frozen with SIGSTOP (a hung server:
// connections stay open and nothing answers) — things no test may do to the shared Redis.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@ai-library/standins/net";

export interface RestartableRedis {
  readonly url: string;
  /** Graceful stop (SIGTERM: the AOF is flushed) and start again on the same port and data. */
  restart(): Promise<void>;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const server = spawn(
    "redis-server",
    [
      ...["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", ""],
      ...["--appendonly", "yes", "--appendfsync", "everysec", "--maxmemory-policy", "noeviction"],
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 15_000);
    server.stdout?.on("data", (data: Buffer) => {
      output += data.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve(server);
      }
    });
    server.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

async function terminate(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGCONT"); // a frozen server cannot act on SIGTERM
  server.kill("SIGTERM");
  await exited;
}

export async function startRestartableRedis(): Promise<RestartableRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "faults-redis-"));
  let server = await launch(port, dir);
  return {
    url: `redis://127.0.0.1:${port}`,
    async restart() {
      await terminate(server);
      server = await launch(port, dir);
    },
    freeze: () => server.kill("SIGSTOP"),
    thaw: () => server.kill("SIGCONT"),
    async close() {
      await terminate(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
