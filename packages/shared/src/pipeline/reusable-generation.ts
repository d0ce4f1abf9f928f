// Which books of the live generation a new ingest may copy instead of re-parsing and
// re-embedding them: only when the live generation used the same embedder and the same
// chunking. Shared by the inline ingest and the worker's run and book jobs.
import { CHUNKER_VERSION, type ChunkingOptions } from "../chunking/chunk-book.js";
import { type EmbedderIdentity, sameIdentity } from "../embeddings/types.js";
import { type GenerationData, openGenerationData } from "../index/generation/generation-data.js";
import type { IndexStore } from "../index/generation/index-store.js";
import { type GenerationManifest, readManifest } from "../index/generation/manifest.js";

export interface ReuseRequirements {
  embedder: EmbedderIdentity;
  chunking: ChunkingOptions;
}

function manifestIsReusable(manifest: GenerationManifest, needs: ReuseRequirements): boolean {
  const { chunking } = manifest;
  return (
    sameIdentity(manifest.embedder, needs.embedder) &&
    chunking.version === CHUNKER_VERSION &&
    chunking.chunkSize === needs.chunking.chunkSize &&
    chunking.chunkOverlap === needs.chunking.chunkOverlap
  );
}

/** The live manifest if its books are reusable (cheap: reads manifest.json only, no checksums). */
export function readReusableLiveManifest(store: IndexStore, needs: ReuseRequirements): GenerationManifest | undefined {
  const liveId = store.liveId();
  if (!liveId) return undefined;
  const read = readManifest(store.generationDir(liveId));
  return read.ok && manifestIsReusable(read.manifest, needs) ? read.manifest : undefined;
}

export interface ReusableOpen {
  /** Its files verified and open for reading chunks and vectors (no FAISS index loaded). */
  generation?: GenerationData;
  /** Why the live generation cannot be reused, when there is one. */
  reason?: string;
}

/**
 * Opens (and verifies) the live generation when its chunks and vectors can be reused.
 * `reason` says why not, for the log; no live generation at all is not a reason.
 */
export async function openReusableGeneration(store: IndexStore, needs: ReuseRequirements): Promise<ReusableOpen> {
  const liveId = store.liveId();
  if (!liveId) return {};
  try {
    const live = await openGenerationData(store.generationDir(liveId));
    if (manifestIsReusable(live.manifest, needs)) return { generation: live };
    live.close();
    return { reason: `живое поколение ${live.id} собрано другим векторизатором или с другой нарезкой` };
  } catch (error) {
    return { reason: `живое поколение нельзя использовать повторно: ${(error as Error).message}` };
  }
}
