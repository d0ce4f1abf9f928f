// Small crash-safety helpers: data is fsynced before it is renamed into place, and the
// directory is fsynced after the rename, so a power cut leaves either the old or the new state.
import { createHash, randomBytes } from "node:crypto";
import { closeSync, createReadStream, fsyncSync, openSync, renameSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function writeFileDurably(path: string, data: string | Buffer): void {
  const fd = openSync(path, "w");
  try {
    writeSync(fd, typeof data === "string" ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `path` atomically: temp file + fsync + rename + fsync of the directory. */
export function replaceFileAtomically(path: string, data: string | Buffer): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  writeFileDurably(temp, data);
  renameSync(temp, path);
  fsyncPath(dirname(path));
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}
