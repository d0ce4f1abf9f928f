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
import { DOCSTORE_FILE, type DocstoreReader, openDocstoreReader } from "./docstore.js";
import { sha256File } from "./durable-fs.js";
import { INDEX_FILE } from "./generation-builder.js";
import { overlappingLabels } from "./label-layout.js";
import { type GenerationManifest, readManifest } from "./manifest.js";

export interface VerifyFault {
  file?: string;
  fault: string;
}

export interface VerifiedGeneration {
  manifest: GenerationManifest;
  index: FaissIndex;
  docstore: DocstoreReader;
  /** The declared keyword index, opened; undefined when the manifest declares none. */
  keywords: OpenKeywordIndex | undefined;
}

export interface OpenKeywordIndex extends KeywordIndex {
  close(): void;
}

export type VerifyResult = { ok: true; generation: VerifiedGeneration } | { ok: false; faults: VerifyFault[] };

export interface VerifyOptions {
  expectedEmbedder?: EmbedderIdentity;
}

/** Verifies and, when sound, returns the opened FAISS index and docstore (caller closes). */
export async function openVerifiedGeneration(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const read = readManifest(dir);
  if (!read.ok) return { ok: false, faults: [{ file: "manifest.json", fault: read.fault }] };
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
  if (options.expectedEmbedder && !sameIdentity(options.expectedEmbedder, manifest.embedder)) {
    faults.push({
      fault: `собрано векторизатором ${formatIdentity(manifest.embedder)}, а запросы идут через ${formatIdentity(options.expectedEmbedder)}`,
    });
  }
  if (faults.length > 0) return { ok: false, faults };

  let index: FaissIndex;
  try {
    index = loadFaiss().Index.read(join(dir, INDEX_FILE));
  } catch (error) {
    return {
      ok: false,
      faults: [{ file: INDEX_FILE, fault: `FAISS не может его прочитать: ${(error as Error).message}` }],
    };
  }
  if (index.ntotal() !== manifest.chunkCount) {
    faults.push({
      file: INDEX_FILE,
      fault: `в FAISS ${index.ntotal()} векторов, а по манифесту ${manifest.chunkCount}`,
    });
  }
  if (index.getDimension() !== manifest.embedder.dims) {
    faults.push({
      file: INDEX_FILE,
      fault: `размерность FAISS ${index.getDimension()}, а у векторизатора ${manifest.embedder.dims}`,
    });
  }
  let docstore: DocstoreReader | undefined;
  let keywords: OpenKeywordIndex | undefined;
  try {
    docstore = openDocstoreReader(join(dir, DOCSTORE_FILE));
    const rows = docstore.chunkCount();
    if (rows !== manifest.chunkCount) {
      faults.push({
        file: DOCSTORE_FILE,
        fault: `в docstore ${rows} фрагментов, а по манифесту ${manifest.chunkCount}`,
      });
    }
  } catch (error) {
    faults.push({ file: DOCSTORE_FILE, fault: `docstore не читается: ${(error as Error).message}` });
  }
  const declared = manifest.keywordIndex;
  if (declared?.file) {
    try {
      const postings = openPostingsIndex(join(dir, declared.file));
      keywords = postings;
      if (postings.chunkCount !== manifest.chunkCount) {
        faults.push({
          file: declared.file,
          fault: `в индексе ключевых слов ${postings.chunkCount} фрагментов, а по манифесту ${manifest.chunkCount}`,
        });
      }
    } catch (error) {
      faults.push({ file: declared.file, fault: `индекс ключевых слов не читается: ${(error as Error).message}` });
    }
  } else if (declared && docstore) {
    const table = docstore.keywordIndex;
    if (table) keywords = { ...table, close: () => {} };
    else faults.push({ file: DOCSTORE_FILE, fault: "манифест объявляет индекс ключевых слов, а в docstore его нет" });
  }
  if (faults.length > 0 || !docstore) {
    keywords?.close();
    docstore?.close();
    return { ok: false, faults };
  }
  return { ok: true, generation: { manifest, index, docstore, keywords } };
}
