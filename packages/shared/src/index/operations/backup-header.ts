// The first entry of every backup archive: backup.json, which says which generation the archive
// holds and the size and SHA-256 of every other entry (manifest.json included), so an archive
// proves itself whole without the index it came from.
import { createReadStream } from "node:fs";
import { Parser, type ReadEntry } from "tar";
import { z } from "zod";
import { BackupError } from "./ops-errors.js";

export const BACKUP_HEADER_FILE = "backup.json";
export const BACKUP_FORMAT = "ai-library-index-backup";

const fileEntry = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() });

const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  generationId: z.string(),
  generationCreatedAt: z.string(),
  books: z.number().int().nonnegative(),
  chunkCount: z.number().int().nonnegative(),
  embedder: z.object({ provider: z.string(), model: z.string(), dims: z.number().int() }),
  files: z.record(z.string(), fileEntry),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export function parseBackupHeader(file: string, raw: Buffer): BackupHeader {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new BackupError(file, `${BACKUP_HEADER_FILE} — не корректный JSON`);
  }
  const parsed = backupHeaderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError(
      file,
      `${BACKUP_HEADER_FILE} не соответствует формату резервной копии (${issue?.path.join(".")}: ${issue?.message})`,
    );
  }
  return parsed.data;
}

/** Reads only the header entry (cheap: stops after it), for listings and retention. */
export function readBackupHeader(file: string): Promise<BackupHeader> {
  return new Promise((resolve, reject) => {
    const input = createReadStream(file);
    let settled = false;
    const settle = (outcome: () => BackupHeader) => {
      if (settled) return;
      settled = true;
      input.destroy();
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
      }
    };
    const fail = (fault: string) =>
      settle(() => {
        throw new BackupError(file, fault);
      });
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        if (entry.path !== BACKUP_HEADER_FILE)
          return fail(`первая запись архива — ${entry.path}, а должна быть ${BACKUP_HEADER_FILE}`);
        const chunks: Buffer[] = [];
        entry.on("data", (chunk: Buffer) => chunks.push(chunk));
        entry.on("end", () => settle(() => parseBackupHeader(file, Buffer.concat(chunks))));
      },
    });
    parser.on("error", (error: Error) => fail(`архив повреждён (${error.message})`));
    parser.on("end", () => fail(`в архиве нет ${BACKUP_HEADER_FILE}`));
    input.on("error", (error: NodeJS.ErrnoException) => fail(`не читается (${error.code ?? error.message})`));
    input.pipe(parser);
  });
}
