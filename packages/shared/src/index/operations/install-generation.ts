// Makes a generation that came from another host live here, the way a publish would: under the
// publish lock, its files are written into a temp folder by `fill`, the whole generation is
// verified with the one verifier (manifest, sizes, every sha256, FAISS, docstore), fsynced,
// renamed into generations/ and LIVE is swapped atomically. Anything that fails leaves the temp
// folder removed and LIVE untouched: the host keeps serving what it served.
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fsyncPath } from "../generation/durable-fs.js";
import { type IndexStore, PUBLISH_LOCK_FILE, TEMP_PREFIX } from "../generation/index-store.js";
import { type GenerationManifest, MANIFEST_FILE } from "../generation/manifest.js";
import type { VerifyFault } from "../generation/open-verified-generation.js";
import { acquirePublishLock } from "../generation/publish-lock.js";
import { describeFaults, type EmbedderExpectation, verifyGeneration } from "../generation/verify-generation.js";

/** A received generation failed verification; `faults` name the files. */
export class GenerationRefusedError extends Error {
  constructor(
    readonly generationId: string,
    readonly faults: VerifyFault[],
  ) {
    super(`поколение ${generationId} не прошло проверку: ${describeFaults(faults)}`);
    this.name = "GenerationRefusedError";
  }
}

export interface InstallRequest {
  expectedEmbedder?: EmbedderExpectation;
}

export type InstallOutcome =
  /** LIVE already named it: nothing done. */
  | { kind: "unchanged" }
  /** A sound local copy was made live again (a rollback or restore on the publisher): nothing downloaded. */
  | { kind: "reused"; manifest: GenerationManifest }
  | { kind: "installed"; manifest: GenerationManifest };

/**
 * Makes `id` live: from the local copy if it verifies, otherwise from what `fill(tempDir)` writes
 * there. Throws GenerationRefusedError when the received files do not verify.
 */
export async function installGeneration(
  store: IndexStore,
  id: string,
  fill: (tempDir: string, localCopyFaults: VerifyFault[] | undefined) => Promise<void>,
  request: InstallRequest = {},
): Promise<InstallOutcome> {
  if (store.liveId() === id) return { kind: "unchanged" };
  const options = {
    expectedId: id,
    ...(request.expectedEmbedder ? { expectedEmbedder: request.expectedEmbedder } : {}),
  };
  const release = acquirePublishLock(join(store.dir, PUBLISH_LOCK_FILE));
  const temp = join(store.dir, `${TEMP_PREFIX}${id}`);
  try {
    const finalDir = store.generationDir(id);
    const local = readdirSync(dirname(finalDir)).includes(id) ? await verifyGeneration(finalDir, options) : undefined;
    if (local?.ok && local.manifest) {
      store.setLive(id);
      return { kind: "reused", manifest: local.manifest };
    }
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp);
    await fill(temp, local?.faults);
    const check = await verifyGeneration(temp, options);
    if (!check.ok || !check.manifest) throw new GenerationRefusedError(id, check.faults);
    for (const name of [MANIFEST_FILE, ...Object.keys(check.manifest.files)]) fsyncPath(join(temp, name));
    fsyncPath(temp);
    // A damaged local copy of the same id (never the live one: that was checked first) makes way.
    if (local) rmSync(finalDir, { recursive: true, force: true });
    renameSync(temp, finalDir);
    fsyncPath(dirname(finalDir));
    store.setLive(id);
    return { kind: "installed", manifest: check.manifest };
  } finally {
    rmSync(temp, { recursive: true, force: true });
    release();
  }
}
