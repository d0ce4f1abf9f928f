// Proves a backup archive whole by reading it once: gzip's own CRC, the tar headers, and the
// size and SHA-256 of every entry against backup.json. Nothing is written to disk.
import { createHash } from "node:crypto";
import { list, type ReadEntry } from "tar";
import { MANIFEST_FILE } from "../generation/manifest.js";
import { BACKUP_HEADER_FILE, type BackupHeader, parseBackupHeader } from "./backup-header.js";
import { BackupError } from "./ops-errors.js";

interface SeenEntry {
  sha256: string;
  bytes: number;
}

/** An entry name an archive may hold: a plain file name, no directory, no "..". */
export function isPlainEntryName(name: string): boolean {
  return /^[A-Za-z0-9._-]+$/.test(name) && name !== "." && name !== "..";
}

export async function verifyBackupArchive(file: string): Promise<BackupHeader> {
  let header: BackupHeader | undefined;
  let headerFault: BackupError | undefined;
  const seen = new Map<string, SeenEntry>();
  const problems: string[] = [];
  const pending: Promise<void>[] = [];

  const onReadEntry = (entry: ReadEntry) => {
    const name = entry.path;
    if (entry.type !== "File" || !isPlainEntryName(name)) {
      problems.push(`лишняя запись ${JSON.stringify(name)} (${entry.type})`);
      return;
    }
    if (seen.has(name) || (name === BACKUP_HEADER_FILE && header)) problems.push(`${name} встречается дважды`);
    if (name !== BACKUP_HEADER_FILE && !header && !headerFault)
      problems.push(`${BACKUP_HEADER_FILE} не первая запись архива`);
    const hash = createHash("sha256");
    const chunks: Buffer[] = [];
    let bytes = 0;
    entry.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
      if (name === BACKUP_HEADER_FILE) chunks.push(chunk);
    });
    pending.push(
      new Promise((resolve) =>
        entry.on("end", () => {
          if (name === BACKUP_HEADER_FILE) {
            try {
              header = parseBackupHeader(file, Buffer.concat(chunks));
            } catch (error) {
              headerFault = error as BackupError;
            }
          } else seen.set(name, { sha256: hash.digest("hex"), bytes });
          resolve();
        }),
      ),
    );
  };

  try {
    await list({ file, strict: true, onReadEntry });
    await Promise.all(pending);
  } catch (error) {
    throw new BackupError(file, `архив повреждён или обрезан (${(error as Error).message})`);
  }
  if (headerFault) throw headerFault;
  if (!header) throw new BackupError(file, `в архиве нет ${BACKUP_HEADER_FILE}`);
  const expected = header.files;
  if (!expected[MANIFEST_FILE]) problems.push(`в ${BACKUP_HEADER_FILE} не указан ${MANIFEST_FILE}`);
  for (const [name, want] of Object.entries(expected)) {
    const got = seen.get(name);
    if (!got) problems.push(`${name} отсутствует в архиве`);
    else if (got.bytes !== want.bytes)
      problems.push(`размер ${name} ${got.bytes} байт, а по ${BACKUP_HEADER_FILE} ${want.bytes}`);
    else if (got.sha256 !== want.sha256)
      problems.push(`${name}: контрольная сумма не совпадает с ${BACKUP_HEADER_FILE}`);
  }
  for (const name of seen.keys()) if (!expected[name]) problems.push(`${name} не указан в ${BACKUP_HEADER_FILE}`);
  if (problems.length > 0) throw new BackupError(file, problems.join("; "));
  return header;
}
