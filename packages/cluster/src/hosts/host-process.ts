// A real process run inside a host's network namespace (`ip netns exec`, which execs the
// command in place: the child's pid is the process's own, so kill -9 hits it and not a wrapper).
// A CPU limit wraps the command (taskset, or a cgroup the shell joins before exec).
import { type ChildProcess, spawn } from "node:child_process";

export interface HostProcess {
  name: string;
  child: ChildProcess;
  /** The last part of its stdout and stderr (for failure messages). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** Sends `signal` and waits for the exit; SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface HostProcessOptions {
  name: string;
  namespace: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Command words put in front (a CPU limit: ["taskset", "-c", "1"], or a cgroup-joining shell). */
  launcher?: string[];
  /** An IPC channel to the process (node children: process.send / "message"). */
  ipc?: boolean;
}

const KEEP_OUTPUT_CHARS = 64_000;

export function startHostProcess(options: HostProcessOptions): HostProcess {
  const words = [
    ...(options.launcher ?? []),
    "ip",
    "netns",
    "exec",
    options.namespace,
    options.command,
    ...options.args,
  ];
  const [file = "ip", ...args] = words;
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", ...options.env },
    stdio: ["ignore", "pipe", "pipe", ...(options.ipc ? (["ipc"] as const) : [])],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-KEEP_OUTPUT_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.on("exit", (code, signal) => done({ code, signal }));
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name: options.name,
    child,
    output: () => output,
    exited,
    running,
    async stop(signal = "SIGTERM", graceMs = 20_000) {
      if (!running()) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
