// One publish at a time per INDEX_DIR, across processes: an O_EXCL lock file holding the
// owner's pid. A lock left by a dead process (kill -9) is taken over, not waited on forever.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { PublishLockedError } from "./errors.js";

function holderIsAlive(content: string): boolean {
  const [host, pidText] = content.trim().split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid)) return true; // cannot tell: assume alive
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquirePublishLock(lockFile: string): () => void {
  const owner = `${hostname()}:${process.pid}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, owner);
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder = "";
      try {
        holder = readFileSync(lockFile, "utf8");
      } catch {
        continue; // released meanwhile
      }
      if (holderIsAlive(holder)) throw new PublishLockedError(lockFile, holder.trim());
      rmSync(lockFile, { force: true });
    }
  }
  throw new PublishLockedError(lockFile, "unknown");
}
