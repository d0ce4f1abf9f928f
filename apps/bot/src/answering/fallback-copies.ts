// The bot's own copies of generations, for the fallback only: a search the search process could
// not answer runs in the bot on a copy opened (and verified) at its first need. A copy is closed
// again once no search uses it and either the search process has answered a search since, or the
// generation is no longer served — so while the search process works, the bot holds no index.
import type { EmbedderIdentity } from "@ai-library/shared/embeddings";
import { type LoadedGeneration, openGeneration } from "@ai-library/shared/index";

export interface FallbackCopies {
  /** Runs `use` on the bot's copy of the generation in `dir`, opening the copy if there is none. */
  use<T>(dir: string, use: (generation: LoadedGeneration) => T): Promise<T>;
  /** Keeps a copy the bot opened and checked itself (when the search process could not open it). */
  adopt(generation: LoadedGeneration): void;
  /** Closes the copies no search uses, the rest when their last search ends; `dir`'s only, if given. */
  release(dir?: string): void;
  /** Directories the bot holds a copy of (opened or opening). */
  openDirs(): string[];
}

export interface FallbackCopiesDeps {
  /** The bot's embedder: a copy must answer its queries. */
  expectedEmbedder: EmbedderIdentity;
  /** Called after a copy is closed: the bot frees the FAISS index's native memory there. */
  onClosed: () => void;
}

interface Copy {
  opening: Promise<LoadedGeneration>;
  users: number;
  /** Close when the last search using it ends. */
  released: boolean;
}

export function createFallbackCopies(deps: FallbackCopiesDeps): FallbackCopies {
  const copies = new Map<string, Copy>();

  const close = (dir: string, copy: Copy) => {
    if (copies.get(dir) === copy) copies.delete(dir);
    void copy.opening.then(
      (generation) => {
        generation.close();
        deps.onClosed();
      },
      () => undefined,
    );
  };

  const copyOf = (dir: string): Copy => {
    const existing = copies.get(dir);
    if (existing) return existing;
    const copy: Copy = {
      opening: openGeneration(dir, { expectedEmbedder: deps.expectedEmbedder }),
      users: 0,
      released: false,
    };
    copies.set(dir, copy);
    // A copy that failed to open is forgotten: the next search tries again.
    copy.opening.catch(() => {
      if (copies.get(dir) === copy) copies.delete(dir);
    });
    return copy;
  };

  return {
    async use(dir, use) {
      const copy = copyOf(dir);
      copy.users += 1;
      copy.released = false;
      try {
        return use(await copy.opening);
      } finally {
        copy.users -= 1;
        if (copy.released && copy.users === 0) close(dir, copy);
      }
    },
    adopt(generation) {
      const existing = copies.get(generation.dir);
      if (existing) close(generation.dir, existing);
      copies.set(generation.dir, { opening: Promise.resolve(generation), users: 0, released: false });
    },
    release(dir) {
      for (const [copyDir, copy] of copies) {
        if (dir !== undefined && copyDir !== dir) continue;
        if (copy.users === 0) close(copyDir, copy);
        else copy.released = true;
      }
    },
    openDirs: () => [...copies.keys()],
  };
}
