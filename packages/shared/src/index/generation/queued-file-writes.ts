// Positional writes to a file being built, done in libuv's thread pool: copying bytes into the
// page cache is the kernel's work (~30 ms for the 15 MB of vectors of a 10k build on a VM where
// each fresh page faults), and done there it overlaps the main thread's work instead of adding
// to it (docs/performance.md). Every write has its place in the file from the start, so writes
// need no order among themselves; `settled` waits for all of them and reports the first failure.
import { write, writev, writevSync } from "node:fs";
import { writeFullyAt } from "./durable-fs.js";

export interface QueuedFileWrites {
  /**
   * Queues `buffers`, one after the other from `position`; the caller must not change them until
   * `settled`. Throws the failure of an earlier write, if one failed.
   */
  write(buffers: readonly NodeJS.ArrayBufferView[], position: number): void;
  /** Resolves when every queued write is in the file; rejects with the first that failed (ENOSPC…). */
  settled(): Promise<void>;
}

/**
 * Bytes queued beyond which a write is done at once on the main thread: a publish that adds
 * books faster than the disk takes them must not hold them all in memory (the caller's arrays
 * stay alive until written). 16 MiB holds the vectors of 10k chunks of 384 dims; with 64 MiB
 * the peak RSS of a 100k publish grew by ~60 MiB.
 */
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;
const IOV_MAX = 1024;

export function queueFileWrites(fd: number): QueuedFileWrites {
  let queuedBytes = 0;
  let failure: unknown;
  const pending = new Set<Promise<void>>();

  const track = (bytes: number, job: Promise<void>): void => {
    queuedBytes += bytes;
    const done: Promise<void> = job
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        pending.delete(done);
        queuedBytes -= bytes;
      });
    pending.add(done);
  };

  return {
    write(buffers, position) {
      if (failure) throw failure;
      let at = position;
      for (let first = 0; first < buffers.length; first += IOV_MAX) {
        // The callers' views as they are: a Uint8Array view of each would cost ~1 µs a row.
        const group = buffers.slice(first, first + IOV_MAX);
        let bytes = 0;
        for (const buffer of group) bytes += buffer.byteLength;
        if (queuedBytes + bytes > MAX_QUEUED_BYTES) writeGroupSync(fd, group, at);
        else track(bytes, writeGroup(fd, group, at));
        at += bytes;
      }
    },
    async settled() {
      while (pending.size > 0) await Promise.all(pending);
      if (failure) throw failure;
    },
  };
}

/** Straight from the caller's buffers, no copy into one block first (fresh blocks fault page by page). */
async function writeGroup(fd: number, group: NodeJS.ArrayBufferView[], start: number): Promise<void> {
  const written = await new Promise<number>((resolve, reject) => {
    writev(fd, group, start, (error, bytes) => (error ? reject(error) : resolve(bytes)));
  });
  for (const piece of unwritten(group, start, written)) {
    for (let done = 0; done < piece.bytes.length; ) {
      done += await new Promise<number>((resolve, reject) => {
        write(fd, piece.bytes, done, piece.bytes.length - done, piece.position + done, (error, bytes) =>
          error ? reject(error) : resolve(bytes),
        );
      });
    }
  }
}

function writeGroupSync(fd: number, group: NodeJS.ArrayBufferView[], start: number): void {
  const written = writevSync(fd, group, start);
  for (const piece of unwritten(group, start, written)) writeFullyAt(fd, piece.bytes, piece.position);
}

/**
 * What a short write left out. A regular file takes one only when the disk fills up: the rest
 * is written piece by piece, so the next write reports ENOSPC instead of the file silently
 * missing bytes.
 */
function unwritten(
  group: NodeJS.ArrayBufferView[],
  start: number,
  written: number,
): { bytes: Uint8Array; position: number }[] {
  const pieces: { bytes: Uint8Array; position: number }[] = [];
  let position = start;
  let left = written;
  for (const view of group) {
    const done = Math.min(left, view.byteLength);
    if (done < view.byteLength) {
      const bytes = new Uint8Array(view.buffer, view.byteOffset + done, view.byteLength - done);
      pieces.push({ bytes, position: position + done });
    }
    left -= done;
    position += view.byteLength;
  }
  return pieces;
}
