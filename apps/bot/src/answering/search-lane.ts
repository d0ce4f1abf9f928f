// Searches run one at a time, each in its own turn of the event loop. A FAISS search is
// synchronous (tens of ms at 100k chunks); started together from one batch of updates, 32 of
// them would run back to back in one microtask drain and stall every timer and socket for a
// second. In a lane, the loop breathes between searches, so the longest stall is one search.
// This is the BOT_SEARCH_PROCESS=false path; by default the scan runs in a search process.
import type { LiveLibrary } from "@ai-library/shared/retrieval";

type Search = LiveLibrary["search"];

export interface SearchLane {
  search: Search;
  readonly waiting: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createSearchLane(library: Pick<LiveLibrary, "search">): SearchLane {
  const queue: (() => Promise<void>)[] = [];
  let pumping = false;

  const pump = async () => {
    pumping = true;
    for (let job = queue.shift(); job; job = queue.shift()) {
      await nextTurn();
      await job();
    }
    pumping = false;
  };

  return {
    search(question, k, options) {
      return new Promise((resolve, reject) => {
        queue.push(() => library.search(question, k, options).then(resolve, reject));
        if (!pumping) void pump();
      });
    },
    get waiting() {
      return queue.length;
    },
  };
}
