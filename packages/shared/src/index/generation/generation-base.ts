// Whether a new generation may be derived from the previous one (copy its files, delete the
// removed books, append the new ones) instead of built from every chunk. Only when the result
// is the same as a full build would give: same embedder, chunking, index type and keyword
// recipe (a removed book's keyword rows are deleted by recomputing their terms), and a flat
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
  if (!sameIdentity(manifest.embedder, request.embedder)) return "the embedder changed";
  const { chunking } = manifest;
  if (
    chunking.version !== request.chunking.version ||
    chunking.chunkSize !== request.chunking.chunkSize ||
    chunking.chunkOverlap !== request.chunking.chunkOverlap
  ) {
    return "the chunking changed";
  }
  if (!isFlatFactory(request.indexFactory) || manifest.indexFactory.trim() !== request.indexFactory.trim()) {
    return `index ${request.indexFactory} is trained on the whole library (only Flat is derived)`;
  }
  if (Boolean(manifest.keywordIndex) !== request.keywordIndex) return "the keyword index setting changed";
  if (manifest.keywordIndex && manifest.keywordIndex.terms !== KEYWORD_TERMS_VERSION) {
    return "the keyword terms recipe changed";
  }
  return undefined;
}
