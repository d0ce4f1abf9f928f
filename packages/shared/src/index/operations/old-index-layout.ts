// Recognises what the old Python bot left behind, so `index restore` can say what it is instead
// of calling it a damaged archive: a bare FAISS file (FAISS_PATH=./data/index.faiss, backups
// ~/backups/index_YYYYMMDD_HHMMSS.faiss) or LangChain's save_local folder (index.faiss +
// index.pkl). Both hold vectors without the chunk texts and book records this index keeps in
// docstore.sqlite (LangChain's are in a Python pickle), so neither can be restored: only
// rebuilt from the books. docs/OPS.md, "Переход со старого формата", walks through it.
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadFaiss } from "@ai-library/faiss-native";

const OLD_FAISS_FILE = "index.faiss";
const OLD_PICKLE_FILE = "index.pkl";

export interface OldFaissFile {
  vectors: number;
  dims: number;
}

/** Every FAISS index file starts with a four-letter code beginning with "I" (IxFI, IwFl, IHNf, …). */
function hasFaissFourcc(path: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(path, "r");
  try {
    if (readSync(fd, head, 0, 4, 0) < 4) return false;
  } finally {
    closeSync(fd);
  }
  return /^I[A-Za-z0-9]{3}$/.test(head.toString("latin1"));
}

/** The vectors and dims of a bare FAISS file, or undefined when `path` is not one FAISS can read. */
export function readOldFaissFile(path: string): OldFaissFile | undefined {
  if (!statSync(path).isFile() || !hasFaissFourcc(path)) return undefined;
  try {
    const index = loadFaiss().Index.read(path);
    return { vectors: index.ntotal(), dims: index.getDimension() };
  } catch {
    return undefined;
  }
}

/** A LangChain FAISS.save_local folder: index.faiss and index.pkl, no manifest. */
export function isLangChainFaissFolder(dir: string): boolean {
  return existsSync(join(dir, OLD_FAISS_FILE)) && existsSync(join(dir, OLD_PICKLE_FILE));
}

export function describeOldFaissFile(old: OldFaissFile): string {
  return (
    `это не архив резервной копии, а отдельный файл FAISS старого бота (векторов: ${old.vectors}, размерность ${old.dims}). ` +
    "В нём только векторы, без текстов фрагментов и сведений о книгах, поэтому восстановить из него индекс нельзя"
  );
}

export const OLD_LAYOUT_ADVICE =
  "Соберите индекс заново из книг: pnpm ai-library index rebuild --inline. " +
  "Переход со старого формата описан в docs/OPS.md, раздел «Переход со старого формата».";
