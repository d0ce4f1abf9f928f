// The reference a queued run is compared with: every readable book of the folder parsed and
// chunked directly in this process (same parser and chunker, no queue, staging or index), one
// per distinct content. A run that lost or duplicated chunks does not match it.

import { chunkBook } from "@ai-library/shared/chunking";
import type { AppConfig } from "@ai-library/shared/config";
import type { LoadedGeneration } from "@ai-library/shared/index";
import { loadBook } from "@ai-library/shared/loaders";
import { ingestSettingsFromConfig, scanLibrary } from "@ai-library/shared/pipeline";

export async function expectedChunkCount(config: AppConfig, folder: string): Promise<number> {
  const settings = ingestSettingsFromConfig(config);
  const seen = new Set<string>();
  let total = 0;
  for (const book of (await scanLibrary(folder)).files) {
    if (seen.has(book.bookId)) continue;
    seen.add(book.bookId);
    try {
      const parsed = await loadBook(book.absPath, settings.limits);
      total += (await chunkBook(parsed, { bookId: book.bookId, file: book.file }, settings.chunking)).length;
    } catch {
      // unreadable books are not indexed by the worker either
    }
  }
  return total;
}

/** Chunks stored twice in a generation (same book, same position): a run that redid work would leave some. */
export function duplicateChunkCount(generation: LoadedGeneration): number {
  let duplicates = 0;
  for (const book of generation.manifest.books) {
    const positions = generation.chunksOfBook(book.bookId).map((chunk) => chunk.position);
    duplicates += positions.length - new Set(positions).size;
  }
  return duplicates;
}
