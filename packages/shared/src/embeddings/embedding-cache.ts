// A SQLite store of computed embeddings keyed by (embedder identity, sha256 of the text),
// so that a retried or repeated ingest never pays the API twice for the same chunk.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export interface EmbeddingCache {
  readonly path: string;
  /** Cached vectors for the given text hashes (missing hashes are absent from the map). */
  getMany(identityKey: string, textHashes: readonly string[]): Map<string, Float32Array>;
  putMany(identityKey: string, entries: ReadonlyArray<{ textHash: string; vector: Float32Array }>): void;
  close(): void;
}

class EmbeddingCacheError extends Error {
  constructor(path: string, cause: unknown) {
    super(
      `Не удалось открыть кэш эмбеддингов ${path}: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        "Проверьте, что каталог доступен для записи и файл не повреждён (его можно удалить: он лишь экономит запросы к API).",
      { cause },
    );
    this.name = "EmbeddingCacheError";
  }
}

export function hashText(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function toBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

function fromBlob(blob: Buffer): Float32Array {
  // Copy: a Buffer from SQLite is not guaranteed to be 4-byte aligned.
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}

export function createEmbeddingCache(sqlitePath: string): EmbeddingCache {
  let db: Database.Database;
  try {
    mkdirSync(dirname(sqlitePath), { recursive: true });
    db = new Database(sqlitePath);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.exec(`CREATE TABLE IF NOT EXISTS embeddings (
      identity TEXT NOT NULL,
      text_sha256 TEXT NOT NULL,
      vector BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (identity, text_sha256)
    ) WITHOUT ROWID`);
  } catch (error) {
    throw new EmbeddingCacheError(sqlitePath, error);
  }
  const select = db.prepare<[string, string], { vector: Buffer }>(
    "SELECT vector FROM embeddings WHERE identity = ? AND text_sha256 = ?",
  );
  const insert = db.prepare<[string, string, Buffer, number]>(
    "INSERT OR REPLACE INTO embeddings (identity, text_sha256, vector, created_at) VALUES (?, ?, ?, ?)",
  );
  const insertAll = db.transaction(
    (identityKey: string, entries: ReadonlyArray<{ textHash: string; vector: Float32Array }>) => {
      const now = Date.now();
      for (const entry of entries) insert.run(identityKey, entry.textHash, toBlob(entry.vector), now);
    },
  );

  return {
    path: sqlitePath,
    getMany(identityKey, textHashes) {
      const found = new Map<string, Float32Array>();
      for (const textHash of textHashes) {
        const row = select.get(identityKey, textHash);
        if (row) found.set(textHash, fromBlob(row.vector));
      }
      return found;
    },
    putMany(identityKey, entries) {
      if (entries.length > 0) insertAll(identityKey, entries);
    },
    close() {
      if (db.open) db.close();
    },
  };
}
