// After a hot swap the old generation is closed when its last in-flight question ends, but
// its FAISS index is native memory V8 cannot see: nothing prompts a collection, so the bot
// kept every retired index until some unrelated major GC, growing by a whole index per swap
// (`pnpm bench swaps`, docs/performance.md). Collecting once, right after the close, frees it;
// a full collection of the bot's small heap is cheap next to a swap, which is rare.
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
