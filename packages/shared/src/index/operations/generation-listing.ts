// The facts `index list` shows for every generation, read from manifests and file sizes only
// (cheap: no checksums — `index check` is the integrity check).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { IndexStore } from "../generation/index-store.js";

export interface GenerationListing {
  id: string;
  live: boolean;
  createdAt?: string;
  books?: number;
  chunks?: number;
  /** provider:model:dims */
  embedder?: string;
  indexFactory?: string;
  bytes: number;
  previousId?: string;
  /** Why the manifest cannot be read (incomplete or damaged generation). */
  fault?: string;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/** Oldest first, like the ids. */
export function listGenerations(store: IndexStore): GenerationListing[] {
  return store.list().map((entry) => {
    const bytes = folderBytes(store.generationDir(entry.id));
    const manifest = entry.manifest;
    if (!manifest) return { id: entry.id, live: entry.live, bytes, fault: entry.fault ?? "манифест не читается" };
    const { provider, model, dims } = manifest.embedder;
    return {
      id: entry.id,
      live: entry.live,
      createdAt: manifest.createdAt,
      books: manifest.books.length,
      chunks: manifest.chunkCount,
      embedder: `${provider}:${model}:${dims}`,
      indexFactory: manifest.indexFactory,
      bytes,
      ...(manifest.previousId ? { previousId: manifest.previousId } : {}),
    };
  });
}
