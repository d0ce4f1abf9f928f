// Parses a book in a child process so a hostile file can neither hang nor crash the caller:
// the child gets a V8 heap cap and a hard deadline (SIGKILL), and its death is translated into
// a BookLoadError: timeout, out_of_memory, or corrupt with what the child said.
import { type ChildProcess, fork } from "node:child_process";
import { readFile, unlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BookLoadLimits } from "../limits.js";
import type { OcrEvent, OcrEventListener } from "../ocr/ocr-report.js";
import type { OcrPlan } from "../ocr/ocr-settings.js";
import { BookLoadError, type ParsedBook } from "../types.js";
import { describeChildDeath } from "./child-death.js";
import { isOcrProgressMessage, isParseReply, type ParseReply, type ParseRequest } from "./child-protocol.js";
import { killProcessGroup, trackChild } from "./live-children.js";

const CHILD_ENTRY = fileURLToPath(new URL("./parse-child.ts", import.meta.url));
// The child runs TypeScript source like every process here: through tsx's loader, resolved from this package.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const NATIVE_PDFJS_LOADER = new URL("./native-pdfjs-loader.ts", import.meta.url).href;
const STDERR_TAIL_BYTES = 4096;

export interface IsolatedLoadOptions {
  /** Aborting kills the child and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with the child's pid once it is spawned (tests use it to check the child is gone). */
  onSpawn?: (pid: number) => void;
  /** OCR for scanned pages (PDF, DjVu); without it such pages stay empty. */
  ocr?: OcrPlan;
  /** Each OCR step as the child reports it: pages planned, each page done. */
  onOcrEvent?: OcrEventListener;
}

/**
 * OCR time comes on top of the parse time limit: once the child knows how many pages it must
 * recognise, the deadline moves by the most those pages may take (each is bounded by
 * OCR_PAGE_TIMEOUT_SECONDS, OCR_CONCURRENCY of them at once).
 */
function ocrAllowanceMs(event: Extract<OcrEvent, { type: "ocr-planned" }>): number {
  return Math.ceil(event.pages / Math.max(1, event.concurrency)) * event.pageTimeoutMs;
}

function spawnParseChild(request: ParseRequest, memoryMb: number): ChildProcess {
  return fork(CHILD_ENTRY, [JSON.stringify(request)], {
    execArgv: ["--import", TSX_LOADER, "--import", NATIVE_PDFJS_LOADER, `--max-old-space-size=${memoryMb}`],
    // An empty environment: the parser of untrusted files never sees tokens or API keys.
    env: {},
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    serialization: "advanced",
    // Its own process group, so stopping it also stops the OCR tools it runs (pdftoppm, tesseract).
    detached: true,
  });
}

async function unpackReply(reply: ParseReply): Promise<ParsedBook> {
  if (reply.type === "parsed") return reply.book;
  if (reply.type === "failed") throw new BookLoadError(reply.kind, reply.file, reply.detail);
  try {
    return JSON.parse(await readFile(reply.file, "utf8")) as ParsedBook;
  } finally {
    await unlink(reply.file).catch(() => undefined);
  }
}

export function loadBookIsolated(
  absPath: string,
  limits: BookLoadLimits,
  options: IsolatedLoadOptions = {},
): Promise<ParsedBook> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const request: ParseRequest = {
    path: absPath,
    limits: { maxUncompressedBytes: limits.maxUncompressedBytes, maxPages: limits.maxPages },
    ...(options.ocr ? { ocr: options.ocr } : {}),
  };
  const child = spawnParseChild(request, limits.memoryMb);
  trackChild(child);
  if (child.pid !== undefined) options.onSpawn?.(child.pid);

  return new Promise<ParseReply>((resolve, reject) => {
    let reply: ParseReply | undefined;
    let stopReason: "timeout" | "aborted" | undefined;
    let stderrTail = "";
    const stop = (reason: "timeout" | "aborted") => {
      stopReason ??= reason;
      killProcessGroup(child);
    };
    let deadlineMs = limits.timeoutMs;
    const startedAt = Date.now();
    let timer = setTimeout(() => stop("timeout"), deadlineMs);
    const onAbort = () => stop("aborted");
    signal?.addEventListener("abort", onAbort, { once: true });

    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    child.on("message", (message) => {
      if (isParseReply(message)) reply = message;
      if (!isOcrProgressMessage(message)) return;
      if (message.event.type === "ocr-planned" && !stopReason) {
        clearTimeout(timer);
        deadlineMs += ocrAllowanceMs(message.event);
        timer = setTimeout(() => stop("timeout"), Math.max(0, startedAt + deadlineMs - Date.now()));
      }
      options.onOcrEvent?.(message.event);
    });
    child.once("error", (error) => {
      // Spawning itself failed (no memory for a process, EAGAIN): not the book's fault.
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      reject(error);
    });
    // Settle on "close", not "exit": it comes after the process is gone AND its IPC channel and
    // stderr are drained, so a reply sent just before exiting is never lost.
    child.once("close", (code, exitSignal) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (reply) return resolve(reply);
      if (stopReason === "aborted") return reject(signal?.reason);
      if (stopReason === "timeout") {
        return reject(
          new BookLoadError("timeout", absPath, `нет результата за ${deadlineMs} мс, разборщик остановлен`),
        );
      }
      reject(describeChildDeath(absPath, { code, signal: exitSignal, stderrTail, memoryMb: limits.memoryMb }));
    });
  }).then(unpackReply);
}
