// A verified generation held open for queries: vector search in FAISS, keyword search in its
// keyword index (when the generation has one), citations from the docstore, and raw
// vectors for the next ingest to reuse unchanged books — over every segment of the generation
// (segments.ts), skipping the rows of books removed since a segment was written.
import { basename } from "node:path";
import type { Chunk } from "../../chunking/types.js";
import { type EmbedderIdentity, formatIdentity, sameIdentity } from "../../embeddings/types.js";
import type { LabelRange, ScoredLabel } from "../keyword/keyword-index.js";
import { EmbedderMismatchError, IndexIntegrityError } from "./errors.js";
import { type BookRecord, type GenerationManifest, readManifest } from "./manifest.js";
import { closeVerifiedGeneration, type OpenSegment, openVerifiedGeneration } from "./open-verified-generation.js";
import { openVectorRows, similaritiesOf, type VectorRows, vectorsAt } from "./vector-rows.js";

/** A chunk found by vector search, with its cosine similarity to the query. */
export type ScoredChunk = Chunk & { score: number };

export interface LoadedGeneration {
  readonly id: string;
  readonly dir: string;
  readonly manifest: GenerationManifest;
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
  const { manifest, segments, keywords: keywordIndex } = result.generation;
  const books = new Map(manifest.books.map((book) => [book.bookId, book]));
  const dims = manifest.embedder.dims;
  const parts: SegmentPart[] = segments.map((segment) => ({
    segment,
    rows: openVectorRows(dir, segment.vectors, dims),
  }));
  const partOfBook = new Map<string, SegmentPart>();
  for (const part of parts) for (const book of part.segment.books) partOfBook.set(book.bookId, part);
  // Label → segment, through the books' label ranges (labels never repeat across segments).
  const spans = manifest.books
    .filter((book) => book.chunkCount > 0)
    .map((book) => ({
      first: book.firstLabel,
      end: book.firstLabel + book.chunkCount,
      part: partOfBook.get(book.bookId),
    }))
    .sort((a, b) => a.first - b.first);
  const partOfLabel = (label: number): SegmentPart | undefined => {
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const span = spans[mid] as (typeof spans)[number];
      if (label < span.first) hi = mid - 1;
      else if (label >= span.end) lo = mid + 1;
      else return span.part;
    }
    return undefined;
  };
  /** Labels grouped by the segment holding them (unknown labels dropped). */
  const byPart = (labels: readonly number[]) => {
    const grouped = new Map<SegmentPart, number[]>();
    for (const label of labels) {
      const part = partOfLabel(label);
      if (!part) continue;
      const list = grouped.get(part);
      if (list) list.push(label);
      else grouped.set(part, [label]);
    }
    return grouped;
  };
  const vectorCandidatesOfMany = (queries: readonly Float32Array[], k: number): ScoredLabel[][] =>
    queries.length >= BATCH_FROM ? scanTogether(queries, k) : queries.flatMap((query) => scanTogether([query], k));
  const scanTogether = (queries: readonly Float32Array[], k: number): ScoredLabel[][] => {
    if (k <= 0 || queries.length === 0) return queries.map(() => []);
    const flat: number[] = [];
    for (const query of queries) {
      if (query.length !== dims) throw new Error(`query vector of ${query.length} dims, index has ${dims}`);
      for (const value of query) flat.push(value);
    }
    const found: ScoredLabel[][] = queries.map(() => []);
    for (const { segment } of parts) {
      const total = segment.faiss.ntotal();
      if (total === 0) continue;
      // Rows of removed books may take places among the nearest: ask for as many more.
      const perQuery = Math.min(k + segment.deadRows, total);
      const { labels, distances } = segment.faiss.search(flat, perQuery);
      queries.forEach((_, at) => {
        const hits = found[at] as ScoredLabel[];
        let taken = 0;
        for (let rank = at * perQuery; rank < (at + 1) * perQuery && taken < k; rank++) {
          const row = labels[rank] ?? -1;
          const label = row >= 0 ? segment.layout.labelOf(row) : -1;
          if (label < 0) continue;
          hits.push({ label, score: distances[rank] ?? 0 });
          taken++;
        }
      });
    }
    // One segment's hits are already best first; several are merged (equal scores: lower label first).
    return parts.length === 1
      ? found
      : found.map((hits) => hits.sort((a, b) => b.score - a.score || a.label - b.label).slice(0, k));
  };
  const vectorCandidates = (query: Float32Array, k: number): ScoredLabel[] => scanTogether([query], k)[0] ?? [];
  const chunksByLabel = (labels: number[]): Map<number, Chunk> => {
    const out = new Map<number, Chunk>();
    for (const [part, inPart] of byPart(labels)) {
      for (const [label, chunk] of part.segment.reader.chunksByLabel(inPart)) out.set(label, withFileName(chunk));
    }
    // In the order asked for, as one docstore answered.
    return new Map(labels.filter((label) => out.has(label)).map((label) => [label, out.get(label) as Chunk]));
  };
  /** A segment is never rewritten: a book renamed since keeps its old name there, the manifest has the new one. */
  const withFileName = (chunk: Chunk): Chunk => {
    const file = books.get(chunk.bookId)?.file;
    return file === undefined || file === chunk.file ? chunk : { ...chunk, file };
  };
  return {
    id: manifest.id,
    dir,
    manifest,
    search(query, k) {
      const found = vectorCandidates(query, k);
      const chunks = chunksByLabel(found.map((hit) => hit.label));
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
    similarities(query, labels) {
      const out = new Map<number, number>();
      for (const [part, inPart] of byPart(labels)) {
        for (const [label, similarity] of similaritiesOf(part.rows, query, inPart, part.segment.layout.rowOf)) {
          out.set(label, similarity);
        }
      }
      return out;
    },
    chunksByLabel,
    book: (bookId) => books.get(bookId),
    chunksOfBook(bookId) {
      const part = partOfBook.get(bookId);
      return part ? part.segment.reader.chunksOfBook(bookId).map(withFileName) : [];
    },
    vectorsOfBook(bookId) {
      const book = books.get(bookId);
      const part = partOfBook.get(bookId);
      if (!book || !part) return [];
      return vectorsAt(part.rows, part.segment.layout.firstRowOf(book), book.chunkCount, dims);
    },
    close: () => {
      for (const part of parts) part.rows.close();
      closeVerifiedGeneration(result.generation);
    },
  };
}

/** A segment held open, with a reader of its raw vectors. */
interface SegmentPart {
  segment: OpenSegment;
  rows: VectorRows;
}
