// Whether a new generation may be derived from the previous one (copy its files, delete the
// removed books, append the new ones) instead of built from every chunk. Only when the result
// is the same as a full build would give: same embedder, chunking, index type and keyword
// recipe and format (keywords.bin: a removed book's postings are left out when it is merged), and a flat
// index (IVF and other trained indexes are rebuilt).
import { sameIdentity } from "../../embeddings/types.js";
import { KEYWORD_TERMS_VERSION } from "../keyword/keyword-terms.js";
import { isFlatFactory } from "./faiss-flat-file.js";
import type { GenerationManifest } from "./manifest.js";

/** A verified generation to derive from: the live one the run reuses books of. */
export interface GenerationBase {
  readonly dir: string;
  readonly manifest: GenerationManifest;
}

export interface DeriveRequest {
  embedder: GenerationManifest["embedder"];
  chunking: GenerationManifest["chunking"];
  indexFactory: string;
  keywordIndex: boolean;
}

/** Why the new generation cannot be derived from `base`, or undefined when it can. */
export function whyNotDerive(base: GenerationBase, request: DeriveRequest): string | undefined {
  const { manifest } = base;
  if (!sameIdentity(manifest.embedder, request.embedder)) return "сменился векторизатор";
  const { chunking } = manifest;
  if (
    chunking.version !== request.chunking.version ||
    chunking.chunkSize !== request.chunking.chunkSize ||
    chunking.chunkOverlap !== request.chunking.chunkOverlap
  ) {
    return "сменилась нарезка на фрагменты";
  }
  if (!isFlatFactory(request.indexFactory) || manifest.indexFactory.trim() !== request.indexFactory.trim()) {
    return `индекс ${request.indexFactory} обучается на всей библиотеке (дополнять можно только Flat)`;
  }
  if (Boolean(manifest.keywordIndex) !== request.keywordIndex) return "изменилась настройка индекса ключевых слов";
  if (manifest.keywordIndex && manifest.keywordIndex.terms !== KEYWORD_TERMS_VERSION) {
    return "изменился способ выделения ключевых слов";
  }
  if (manifest.keywordIndex && !manifest.keywordIndex.file) {
    return "индекс ключевых слов в старом формате (таблица FTS5 в docstore), собирается заново в keywords.bin";
  }
  return undefined;
}
