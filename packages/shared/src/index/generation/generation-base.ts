// Whether a new generation may be derived from the previous one (keep its segments, leave out
// the removed books, add a segment for the new ones) instead of built from every chunk. Only
// when the result answers as a full build would: same embedder, chunking, index type, keyword
// recipe and format (keywords.bin), and a flat index (IVF and other trained indexes are
// rebuilt) — and while the segments stay few and mostly live (MAX_SEGMENTS, MAX_DEAD_SHARE).
import { sameIdentity } from "../../embeddings/types.js";
import { KEYWORD_TERMS_VERSION } from "../keyword/keyword-terms.js";
import { isFlatFactory } from "./faiss-flat-file.js";
import type { GenerationManifest } from "./manifest.js";
import { segmentsOf } from "./segments.js";

/**
 * Segments a generation may have before the next publish builds it whole again. Each segment
 * adds a FAISS search and a dictionary lookup per term to every question; ten keep that small.
 */
export const MAX_SEGMENTS = 10;
/** Share of rows belonging to removed books above which the next publish builds it whole again. */
export const MAX_DEAD_SHARE = 0.3;

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
  const segments = segmentsOf(manifest);
  if (segments.length >= MAX_SEGMENTS) {
    return `в живом поколении ${segments.length} сегментов: публикация сводит их в один (векторы не пересчитываются)`;
  }
  const rows = segments.reduce((sum, segment) => sum + segment.rows, 0);
  const dead = segments.reduce((sum, segment) => sum + segment.deadRows, 0);
  if (rows > 0 && dead / rows > MAX_DEAD_SHARE) {
    return `${Math.round((100 * dead) / rows)} % строк живого поколения — удалённые книги: публикация собирает его заново (векторы не пересчитываются)`;
  }
  return undefined;
}
