// openVerifiedGeneration: proves a generation is whole before anyone serves it (manifest schema,
// every file's size and checksum, FAISS ntotal and dims, docstore row count, embedder identity)
// and hands back the FAISS index and docstore it had to open for that. openGeneration serves
// them; verifyGeneration closes them and keeps the verdict. The keyword index is keywords.bin
// (postings-index.ts) or, in generations written before it, the docstore's FTS5 table.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { type FaissIndex, loadFaiss } from "@ai-library/faiss-native";
import { type EmbedderIdentity, formatIdentity, sameIdentity } from "../../embeddings/types.js";
import type { KeywordIndex } from "../keyword/keyword-index.js";
import { openPostingsIndex } from "../keyword/postings-index.js";
import { type DocstoreReader, openDocstoreReader } from "./docstore.js";
import { sha256File } from "./durable-fs.js";
import { overlappingLabels } from "./label-layout.js";
import { type GenerationManifest, readManifest } from "./manifest.js";
import { type GenerationSegment, segmentFaults, segmentsOf } from "./segments.js";

export interface VerifyFault {
  file?: string;
  fault: string;
}

/** A segment with its FAISS index and docstore open. */
export interface OpenSegment extends GenerationSegment {
  faiss: FaissIndex;
  reader: DocstoreReader;
}

export interface VerifiedGeneration {
  manifest: GenerationManifest;
  /** One for a generation built whole, one per segment for a derived one (segments.ts). */
  segments: OpenSegment[];
  /** The declared keyword index over every segment, opened; undefined when the manifest declares none. */
  keywords: OpenKeywordIndex | undefined;
}

/** Closes what openVerifiedGeneration opened. */
export function closeVerifiedGeneration(generation: VerifiedGeneration): void {
  generation.keywords?.close();
  for (const segment of generation.segments) segment.reader.close();
}

export interface OpenKeywordIndex extends KeywordIndex {
  close(): void;
}

export type VerifyResult = { ok: true; generation: VerifiedGeneration } | { ok: false; faults: VerifyFault[] };

export interface VerifyOptions {
  expectedEmbedder?: EmbedderIdentity;
}

/**
 * What can be checked without opening any index: the manifest, every file's size and checksum,
 * the books' counts and places, and the embedder. `faults` empty when all of it holds.
 */
export async function manifestAndFileFaults(
  dir: string,
  options: VerifyOptions = {},
): Promise<{ manifest?: GenerationManifest; faults: VerifyFault[] }> {
  const read = readManifest(dir);
  if (!read.ok) return { faults: [{ file: "manifest.json", fault: read.fault }] };
  const manifest = read.manifest;
  const faults: VerifyFault[] = [];
  for (const [name, expected] of Object.entries(manifest.files)) {
    const path = join(dir, name);
    if (!existsSync(path)) {
      faults.push({ file: name, fault: "файл отсутствует" });
      continue;
    }
    const bytes = statSync(path).size;
    if (bytes !== expected.bytes) {
      faults.push({ file: name, fault: `размер ${bytes} байт, а по манифесту ${expected.bytes}` });
    } else if ((await sha256File(path)) !== expected.sha256) {
      faults.push({ file: name, fault: "контрольная сумма не совпадает с манифестом (файл изменён или повреждён)" });
    }
  }
  const bookChunks = manifest.books.reduce((sum, book) => sum + book.chunkCount, 0);
  if (bookChunks !== manifest.chunkCount) {
    faults.push({
      file: "manifest.json",
      fault: `у книг в сумме ${bookChunks} фрагментов, а по манифесту ${manifest.chunkCount}`,
    });
  }
  for (const fault of overlappingLabels(manifest.books)) faults.push({ file: "manifest.json", fault });
  for (const fault of segmentFaults(manifest)) faults.push({ file: "manifest.json", fault });
  if (options.expectedEmbedder && !sameIdentity(options.expectedEmbedder, manifest.embedder)) {
    faults.push({
      fault: `собрано векторизатором ${formatIdentity(manifest.embedder)}, а запросы идут через ${formatIdentity(options.expectedEmbedder)}`,
    });
  }
  return { manifest, faults };
}

/** Verifies and, when sound, returns the opened FAISS index and docstore (caller closes). */
export async function openVerifiedGeneration(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const { manifest, faults } = await manifestAndFileFaults(dir, options);
  if (!manifest || faults.length > 0) return { ok: false, faults };

  const segments: OpenSegment[] = [];
  const close = () => {
    for (const segment of segments) segment.reader.close();
  };
  for (const segment of segmentsOf(manifest)) {
    const opened = openSegment(dir, manifest, segment, faults);
    if (opened) segments.push(opened);
  }
  let keywords: OpenKeywordIndex | undefined;
  const declared = manifest.keywordIndex;
  if (faults.length === 0 && declared?.file) {
    const withFiles = segments.filter((segment) => segment.keywords);
    try {
      const postings = openPostingsIndex(
        withFiles.map((segment) => ({
          path: join(dir, segment.keywords as string),
          ...(segment.deadRows > 0 ? { dead: deadRowsOf(segment) } : {}),
        })),
      );
      keywords = postings;
      withFiles.forEach((segment, at) => {
        if (postings.rowsPerPart[at] !== segment.rows) {
          faults.push({
            file: segment.keywords,
            fault: `в индексе ключевых слов ${postings.rowsPerPart[at]} фрагментов, а в сегменте ${segment.rows}`,
          });
        }
      });
      if (withFiles.length !== segments.length) {
        faults.push({ file: "manifest.json", fault: "манифест объявляет индекс ключевых слов, а у сегмента его нет" });
      }
    } catch (error) {
      faults.push({
        file: withFiles[0]?.keywords,
        fault: `индекс ключевых слов не читается: ${(error as Error).message}`,
      });
    }
  } else if (faults.length === 0 && declared) {
    const table = segments.length === 1 ? segments[0]?.reader.keywordIndex : undefined;
    if (table) keywords = { ...table, close: () => {} };
    else
      faults.push({
        file: segments[0]?.docstore,
        fault: "манифест объявляет индекс ключевых слов, а в docstore его нет",
      });
  }
  if (faults.length > 0) {
    keywords?.close();
    close();
    return { ok: false, faults };
  }
  return { ok: true, generation: { manifest, segments, keywords } };
}

/** 1 for each row of the segment that no listed book covers. */
function deadRowsOf(segment: GenerationSegment): Uint8Array {
  const dead = new Uint8Array(segment.rows).fill(1);
  for (const book of segment.books) dead.fill(0, book.row ?? 0, (book.row ?? 0) + book.chunkCount);
  return dead;
}

/** Opens one segment's FAISS index and docstore, checking their rows; faults go to `faults`. */
function openSegment(
  dir: string,
  manifest: GenerationManifest,
  segment: GenerationSegment,
  faults: VerifyFault[],
): OpenSegment | undefined {
  let index: FaissIndex;
  try {
    index = loadFaiss().Index.read(join(dir, segment.index));
  } catch (error) {
    faults.push({ file: segment.index, fault: `FAISS не может его прочитать: ${(error as Error).message}` });
    return undefined;
  }
  if (index.ntotal() !== segment.rows) {
    faults.push({ file: segment.index, fault: `в FAISS ${index.ntotal()} векторов, а по манифесту ${segment.rows}` });
  }
  if (index.getDimension() !== manifest.embedder.dims) {
    faults.push({
      file: segment.index,
      fault: `размерность FAISS ${index.getDimension()}, а у векторизатора ${manifest.embedder.dims}`,
    });
  }
  let reader: DocstoreReader;
  try {
    reader = openDocstoreReader(join(dir, segment.docstore));
  } catch (error) {
    faults.push({ file: segment.docstore, fault: `docstore не читается: ${(error as Error).message}` });
    return undefined;
  }
  faults.push(...docstoreRowFaults(reader, segment));
  return { ...segment, faiss: index, reader };
}

/** The segment's docstore holds as many chunks as the manifest says it does. */
export function docstoreRowFaults(reader: DocstoreReader, segment: GenerationSegment): VerifyFault[] {
  const rows = reader.chunkCount();
  return rows === segment.rows
    ? []
    : [{ file: segment.docstore, fault: `в docstore ${rows} фрагментов, а по манифесту ${segment.rows}` }];
}
