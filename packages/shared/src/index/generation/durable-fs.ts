// Small crash-safety helpers: data is fsynced before it is renamed into place, and the
// directory is fsynced after the rename, so a power cut leaves either the old or the new state.
import { createHash, randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, readSync, renameSync, writeSync } from "node:fs";
import { open } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync in libuv's thread pool: the disk wait leaves the main thread free (to hash, say). */
export async function fsyncFileAsync(path: string): Promise<void> {
  const file = await open(path, "r");
  try {
    await file.sync();
  } finally {
    await file.close();
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

/** Reads `into.length` bytes from `position` on; a file that ends before is reported as `short`. */
export function readFullyAt(fd: number, into: Uint8Array, position: number, short: string): void {
  for (let done = 0; done < into.length; ) {
    const read = readSync(fd, into, done, into.length - done, position + done);
    if (read === 0) throw new Error(short);
    done += read;
  }
}

/**
 * Writes all of `bytes` from `position` on. A regular file takes a short write only when the
 * disk fills up: the rest is written again, so that write reports ENOSPC instead of bytes missing.
 */
export function writeFullyAt(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; ) {
    done += writeSync(fd, bytes, done, bytes.length - done, position + done);
  }
}

/** The temp file replaceFileAtomically writes beside `path` before renaming it over it. */
const ATOMIC_TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** Whether a file name is such a temp file: left behind only by a process killed mid-write. */
export function isAtomicReplaceTemp(name: string): boolean {
  return ATOMIC_TEMP_NAME.test(name);
}

/** Replaces `path` atomically: temp file + fsync + rename + fsync of the directory. */
export function replaceFileAtomically(path: string, data: string | Buffer): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  writeFileDurably(temp, data);
  renameSync(temp, path);
  fsyncPath(dirname(path));
}

const SMALL_HASH_BLOCK_BYTES = 128 * 1024;
const LARGE_HASH_BLOCK_BYTES = 1024 * 1024;
const LARGE_FILE_BYTES = 64 * 1024 * 1024;

/**
 * sha256 of a file, read into one reused buffer: a fresh buffer per block (as a read stream
 * allocates) faults in page by page, which on a VM costs ~12 µs a page — more than hashing it.
 * Blocks of 128 KiB for files up to 64 MiB (a 1 MiB block cost a 10k build ~5 ms in faults), of
 * 1 MiB above (each block is a round trip through the thread pool: 600 MB hashed in 0.46–0.53 s
 * against 0.60 s). Still asynchronous: a worker hashing a large index keeps its queue lock
 * alive. (Synchronous reads in bursts were slower: the fsyncs of the same files, running
 * meanwhile, finished later.)
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const blockBytes = size > LARGE_FILE_BYTES ? LARGE_HASH_BLOCK_BYTES : SMALL_HASH_BLOCK_BYTES;
    const block = Buffer.allocUnsafeSlow(blockBytes);
    for (;;) {
      const { bytesRead } = await file.read(block, 0, blockBytes, null);
      if (bytesRead === 0) break;
      hash.update(block.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest("hex");
}
