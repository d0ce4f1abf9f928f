// The bot's end of the search process: forks it at the first request (and again after it
// exited), sends requests over IPC and matches replies to them. A call that gets no reply fails
// with a SearchProcessUnavailableError — the process exited, or did not answer in time — so a
// caller can tell "the search process could not answer" from "it answered with a failure".
import { type ChildProcess, fork } from "node:child_process";
import type { Logger } from "@ai-library/shared/logging";
import type { SearchProcessCall, SearchProcessReply, SearchProcessRequest } from "./faiss-search-protocol.js";
import { searchProcessEntry, withoutModuleLoaders } from "./search-process-bundle.js";

/** The search process gave no reply: it exited, or could not be reached. */
export class SearchProcessUnavailableError extends Error {
  override name = "SearchProcessUnavailableError";
}

/** The search process did not answer within the call's timeout (overloaded or hung). */
export class SearchProcessTimeoutError extends SearchProcessUnavailableError {
  override name = "SearchProcessTimeoutError";
}

/** A request that carries the id its reply will name. */
type Numbered = (id: number) => SearchProcessCall;

export interface SearchProcessClient {
  /** Sends a request and resolves with its reply, failed or not; rejects when no reply comes. */
  call(build: Numbered, timeoutMs: number): Promise<SearchProcessReply>;
  /** Sends a request that has no reply to the running search process; none is started for it. */
  send(message: Exclude<SearchProcessRequest, SearchProcessCall>): void;
  /** Whether a search process runs now (none before the first request, or after it exited). */
  running(): boolean;
  close(): void;
}

export interface SearchProcessClientDeps {
  logger: Logger;
  /**
   * Node options of the search process. Default: the bot's own, which carry the TypeScript
   * loader it was started with (`node --import tsx`); a test runner's process has none. The
   * loader is dropped when the built search process is forked: it is plain JS.
   */
  execArgv?: readonly string[];
  /** Where the built search process lies (default apps/bot/dist, search-process-bundle.ts). */
  bundleDir?: string;
  /** Called when a search process has just been started, before the request that started it is sent. */
  onStart?: () => void;
}

export function createSearchProcessClient(deps: SearchProcessClientDeps): SearchProcessClient {
  const pending = new Map<number, { settle: (reply: SearchProcessReply) => void; fail: (error: Error) => void }>();
  let nextId = 1;
  let child: ChildProcess | undefined;
  let closed = false;

  const failAll = (error: Error) => {
    for (const waiting of pending.values()) waiting.fail(error);
    pending.clear();
  };

  const start = (): ChildProcess => {
    const botArgv = deps.execArgv ?? globalThis.process.execArgv;
    const entry = searchProcessEntry(deps.bundleDir);
    if (entry.kind === "source")
      deps.logger.warn(`Процесс поиска FAISS запускается через загрузчик tsx (на 10–30 МБ больше): ${entry.why}`);
    // --expose-gc: the search process frees a closed generation's FAISS memory at once.
    // The other two keep the second process small beside the index it holds, for the same CPU
    // time (docs/performance.md, «Одна загрузка поколения»): what a search allocates dies with
    // it, yet under load V8 grows the young generation to several times its size; and V8's
    // background threads, each with its own malloc arena, add RSS to a process that does one
    // thing at a time.
    // FAISS runs single-threaded there as everywhere (faiss-native/src/faiss_threads.h).
    const process = fork(entry.file, [], {
      stdio: "inherit",
      execArgv: [
        ...(entry.kind === "bundle" ? withoutModuleLoaders(botArgv) : botArgv),
        "--expose-gc",
        "--max-semi-space-size=1",
        "--v8-pool-size=1",
      ],
    });
    process.on("message", (reply: SearchProcessReply) => {
      pending.get(reply.id)?.settle(reply);
      pending.delete(reply.id);
    });
    // A send to a process that is exiting fails here; the "exit" that follows fails its calls.
    process.on("error", (error) => deps.logger.warn(`Процесс поиска FAISS: ${error.message}`));
    process.on("exit", (code, signal) => {
      if (child !== process) return;
      child = undefined;
      if (code !== 0)
        deps.logger.error(
          `Процесс поиска FAISS завершился (${signal ?? code}); поиск идёт в боте, процесс будет перезапущен`,
        );
      failAll(new SearchProcessUnavailableError("процесс поиска завершился"));
    });
    return process;
  };

  const deliver = (message: SearchProcessRequest) => {
    if (closed) return;
    if (!child) {
      child = start();
      deps.onStart?.();
    }
    child.send(message);
  };

  return {
    call: (build, timeoutMs) =>
      new Promise<SearchProcessReply>((resolve, reject) => {
        if (closed) return reject(new SearchProcessUnavailableError("процесс поиска закрыт"));
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new SearchProcessTimeoutError(`процесс поиска не ответил за ${timeoutMs} мс`));
        }, timeoutMs);
        const done = () => clearTimeout(timer);
        pending.set(id, {
          settle: (reply) => {
            done();
            resolve(reply);
          },
          fail: (error) => {
            done();
            reject(error);
          },
        });
        deliver(build(id));
      }),
    send(message) {
      if (!closed) child?.send(message);
    },
    running: () => child !== undefined,
    close() {
      closed = true;
      const stopping = child;
      child = undefined;
      stopping?.disconnect();
      failAll(new SearchProcessUnavailableError("процесс поиска закрыт"));
    },
  };
}
