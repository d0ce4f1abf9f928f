// After a hot swap the old generation is closed when its last in-flight question ends, but
// its FAISS index is native memory V8 cannot see: nothing prompts a collection, so the bot
// kept every retired index until some unrelated major GC (`pnpm bench swaps` at 100k chunks:
// +150 MB per swap, 1.1 GB after 9 swaps; at 1M chunks each one is 1.5 GB). Collecting once,
// right after the close, frees it. A full collection of the bot's small heap takes ~20 ms,
// once per swap.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let gc: (() => void) | undefined;

function collectGarbage(): void {
  if (!gc) {
    // The bot runs without --expose-gc (systemd, pnpm start); a new context gets `gc` after this.
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}

/** The live library's onRetiredClosed: collects on the next turn, once the closing frames are gone. */
export function freeRetiredNativeMemory(): void {
  setImmediate(collectGarbage);
}
