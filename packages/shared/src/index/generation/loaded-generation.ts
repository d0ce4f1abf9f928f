// A verified generation held open for queries: vector search in FAISS, keyword search in its
// keyword index (when the generation has one), citations from the docstore, and raw
// vectors for the next ingest to reuse unchanged books.
import { basename } from "node:path";
import type { Chunk } from "../../chunking/types.js";
import { type EmbedderIdentity, formatIdentity, sameIdentity } from "../../embeddings/types.js";
import type { LabelRange, ScoredLabel } from "../keyword/keyword-index.js";
import type { DocstoreReader } from "./docstore.js";
import { EmbedderMismatchError, IndexIntegrityError } from "./errors.js";
import { labelLayout } from "./label-layout.js";
import { type BookRecord, type GenerationManifest, readManifest } from "./manifest.js";
import { openVerifiedGeneration } from "./open-verified-generation.js";
import { openVectorRows, similaritiesOf } from "./vector-rows.js";

/** A chunk found by vector search, with its cosine similarity to the query. */
export type ScoredChunk = Chunk & { score: number };

export interface LoadedGeneration {
  readonly id: string;
  readonly dir: string;
  readonly manifest: GenerationManifest;
  readonly docstore: DocstoreReader;
  /** Nearest chunks to a unit query vector, best first; score = cosine similarity. */
  search(query: Float32Array, k: number): ScoredChunk[];
  /** True when the generation has a keyword index (generations built before it do not). */
  readonly hasKeywordIndex: boolean;
  /** FAISS labels of the `k` nearest chunks, best first, with cosine similarity. */
  vectorCandidates(query: Float32Array, k: number): ScoredLabel[];
  /**
   * `vectorCandidates` for several queries: from BATCH_FROM on in one FAISS call (a flat scan
   * reads the whole index once per call), below that one call each.
   */
  vectorCandidatesOfMany(queries: readonly Float32Array[], k: number): ScoredLabel[][];
  /**
   * Labels of the `k` best BM25 matches for the terms (keywordTerms), only inside `within` when
   * given; [] without a keyword index.
   */
  keywordCandidates(terms: readonly string[], k: number, within?: readonly LabelRange[]): ScoredLabel[];
  /** How many chunks in the range hold the term in their text (0 without a keyword index). */
  textChunksWithin(term: string, range: LabelRange): number;
  /** The terms with ones the library lacks replaced by its closest term (unchanged without a keyword index). */
  knownTerms(terms: readonly string[]): string[];
  /** The terms some chunk holds that are not too common to search for ([] without a keyword index). */
  searchableTerms(terms: readonly string[]): string[];
  /** BM25 inverse document frequency of each term (all 0 without a keyword index). */
  termWeights(terms: readonly string[]): Map<string, number>;
  /** Cosine similarity of a unit query to each labelled chunk's stored vector. */
  similarities(query: Float32Array, labels: readonly number[]): Map<number, number>;
  chunksByLabel(labels: number[]): Map<number, Chunk>;
  book(bookId: string): BookRecord | undefined;
  chunksOfBook(bookId: string): Chunk[];
  vectorsOfBook(bookId: string): Float32Array[];
  close(): void;
}

/**
 * Fewest queries sent to FAISS in one call. From two queries on FAISS multiplies matrices, which
 * copies the index blocks once more, so two or three queries are cheaper one by one and only
 * from four on does one call win (docs/performance.md, «Вопросы, ждущие вместе»).
 */
const BATCH_FROM = 4;

export async function openGeneration(
  dir: string,
  options: { expectedEmbedder?: EmbedderIdentity } = {},
): Promise<LoadedGeneration> {
  const id = basename(dir);
  const declared = readManifest(dir);
  if (declared.ok && options.expectedEmbedder && !sameIdentity(declared.manifest.embedder, options.expectedEmbedder)) {
    throw new EmbedderMismatchError(
      id,
      formatIdentity(declared.manifest.embedder),
      formatIdentity(options.expectedEmbedder),
    );
  }
  const result = await openVerifiedGeneration(dir);
  if (!result.ok) {
    const first = result.faults[0];
    throw new IndexIntegrityError(
      id,
      result.faults.map((fault) => (fault.file ? `${fault.file}: ${fault.fault}` : fault.fault)).join("; "),
      first?.file,
    );
  }
  const { manifest, index, docstore, keywords: keywordIndex } = result.generation;
  const books = new Map(manifest.books.map((book) => [book.bookId, book]));
  const dims = manifest.embedder.dims;
  const rows = openVectorRows(dir, manifest);
  // FAISS answers rows; everything past this file speaks labels (label-layout.ts).
  const layout = labelLayout(manifest.books);
  const vectorCandidatesOfMany = (queries: readonly Float32Array[], k: number): ScoredLabel[][] =>
    queries.length >= BATCH_FROM ? scanTogether(queries, k) : queries.flatMap((query) => scanTogether([query], k));
  const scanTogether = (queries: readonly Float32Array[], k: number): ScoredLabel[][] => {
    const total = index.ntotal();
    if (total === 0 || k <= 0 || queries.length === 0) return queries.map(() => []);
    const perQuery = Math.min(k, total);
    const flat: number[] = [];
    for (const query of queries) {
      if (query.length !== dims) throw new Error(`query vector of ${query.length} dims, index has ${dims}`);
      for (const value of query) flat.push(value);
    }
    const { labels, distances } = index.search(flat, perQuery);
    return queries.map((_, at) => {
      const found: ScoredLabel[] = [];
      for (let rank = at * perQuery; rank < (at + 1) * perQuery; rank++) {
        const row = labels[rank] ?? -1;
        const label = row >= 0 ? layout.labelOf(row) : -1;
        if (label >= 0) found.push({ label, score: distances[rank] ?? 0 });
      }
      return found;
    });
  };
  const vectorCandidates = (query: Float32Array, k: number): ScoredLabel[] => scanTogether([query], k)[0] ?? [];
  return {
    id: manifest.id,
    dir,
    manifest,
    docstore,
    search(query, k) {
      const found = vectorCandidates(query, k);
      const chunks = docstore.chunksByLabel(found.map((hit) => hit.label));
      const passages: ScoredChunk[] = [];
      for (const hit of found) {
        const chunk = chunks.get(hit.label);
        if (chunk) passages.push({ ...chunk, score: hit.score });
      }
      return passages;
    },
    hasKeywordIndex: keywordIndex !== undefined,
    vectorCandidates,
    vectorCandidatesOfMany,
    keywordCandidates: (terms, k, within) => keywordIndex?.search(terms, k, within) ?? [],
    textChunksWithin: (term, range) => keywordIndex?.textChunksWithin(term, range) ?? 0,
    knownTerms: (terms) => keywordIndex?.knownTerms(terms) ?? [...terms],
    searchableTerms: (terms) => (keywordIndex ? terms.filter((term) => keywordIndex.isSearchable(term)) : []),
    termWeights: (terms) => new Map(terms.map((term) => [term, keywordIndex?.inverseDocumentFrequency(term) ?? 0])),
    similarities: (query, labels) => similaritiesOf(rows, query, labels, layout.rowOf),
    chunksByLabel: (labels) => docstore.chunksByLabel(labels),
    book: (bookId) => books.get(bookId),
    chunksOfBook: (bookId) => docstore.chunksOfBook(bookId),
    vectorsOfBook(bookId) {
      const book = books.get(bookId);
      if (!book || book.chunkCount === 0) return [];
      const all = rows.read(layout.firstRowOf(book), book.chunkCount);
      return Array.from({ length: book.chunkCount }, (_, row) => all.slice(row * dims, (row + 1) * dims));
    },
    close: () => {
      rows.close();
      keywordIndex?.close();
      docstore.close();
    },
  };
}
