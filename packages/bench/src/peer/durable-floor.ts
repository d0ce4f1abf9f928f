// The least time any crash-safe, checksummed build of our generation's bytes takes on this
// machine: writing the same files again, sha256 of each, fsync of each and of the directory,
// with no docstore, index or manifest logic. LangChain's build time divided by this is the
// best build speed-up a store that survives a power cut and detects corruption could show;
// FaissStore.save does none of the three.
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

const ROUNDS = 3;

/** The fastest of three rounds: a floor, and fsync times on this machine vary twofold run to run. */
export function durableFloorSeconds(generationDir: string, fileNames: string[]): number {
  const contents = fileNames.map((name) => readFileSync(join(generationDir, name)));
  return Math.min(...Array.from({ length: ROUNDS }, () => writeHashSync(generationDir, contents)));
}

function writeHashSync(generationDir: string, contents: Buffer[]): number {
  const target = mkdtempSync(join(generationDir, "..", "floor-"));
  try {
    const started = performance.now();
    contents.forEach((bytes, at) => {
      const fd = openSync(join(target, `file-${at}`), "w");
      try {
        writeSync(fd, bytes);
        createHash("sha256").update(bytes).digest("hex");
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    });
    const dirFd = openSync(target, "r");
    fsyncSync(dirFd);
    closeSync(dirFd);
    return (performance.now() - started) / 1000;
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
}
