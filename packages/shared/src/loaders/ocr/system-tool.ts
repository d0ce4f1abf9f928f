// Runs one of the Debian command-line tools OCR needs (pdftoppm, ddjvu, djvutxt, djvused,
// tesseract) with bytes in and bytes out, a deadline and an abort signal. The parse child runs
// with an empty environment, so the tools get a fixed PATH and nothing else: no secrets reach them.
import { spawn } from "node:child_process";

/** Where Debian installs the tools; the parent's PATH is not passed down (see above). */
const TOOL_PATH = "/usr/local/bin:/usr/bin:/bin";
/** A rendered page is a few MB (A4 at 300 dpi in grey is about 9 MB); this stops a runaway tool. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;
const STDERR_TAIL = 2000;

export interface ToolRunOptions {
  input?: Buffer;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Extra environment (e.g. OMP_THREAD_LIMIT for tesseract). */
  env?: Record<string, string>;
}

/** A tool that failed, timed out or could not start; `reason` is short enough for a report line. */
export class ToolError extends Error {
  constructor(
    readonly program: string,
    readonly reason: string,
  ) {
    super(`${program}: ${reason}`);
    this.name = "ToolError";
  }
}

export function runTool(program: string, args: string[], options: ToolRunOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new ToolError(program, "stopped"));
    const child = spawn(program, args, {
      env: { PATH: TOOL_PATH, LC_ALL: "C.UTF-8", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = "";
    let stopped: string | undefined;
    const stop = (why: string) => {
      stopped ??= why;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => stop(`нет результата за ${options.timeoutMs} мс, остановлен`), options.timeoutMs);
    const onAbort = () => stop("остановлен");
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > MAX_OUTPUT_BYTES) return stop(`вывод больше ${MAX_OUTPUT_BYTES} байт, остановлен`);
      out.push(chunk);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    // A tool that exits before reading all of stdin closes the pipe: its exit code says what happened.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input);
    child.once("error", (error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      reject(new ToolError(program, missing ? "не установлен (см. scripts/setup-system.sh)" : error.message));
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (stopped) return reject(new ToolError(program, stopped));
      if (code === 0) return resolve(Buffer.concat(out));
      const lastLine = stderr.trim().split("\n").filter(Boolean).at(-1)?.slice(0, 200);
      const how = signal ? `сигнал ${signal}` : `код выхода ${code}`;
      reject(new ToolError(program, `завершился ошибкой (${how})${lastLine ? `: ${lastLine}` : ""}`));
    });
  });
}
