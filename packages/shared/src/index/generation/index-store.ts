// The on-disk layout of INDEX_DIR and the operations on it:
//   LIVE                    id of the generation being served (replaced atomically)
//   live-history            what LIVE pointed at before, for `index rollback` (live-history.ts)
//   generations/<id>/       complete generations (manifest.json written last)
//   .tmp-<id>/              generations being built; removed at start-up if left over
//   .LIVE.<hex>.tmp, …      a replace a kill -9 cut short; removed with them
//   publish.lock            held while a generation is being published
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { EmbedderIdentity } from "../../embeddings/types.js";
import { isAtomicReplaceTemp, replaceFileAtomically } from "./durable-fs.js";
import { NoLiveGenerationError } from "./errors.js";
import type { GenerationBase } from "./generation-base.js";
import { createGenerationBuilder, type GenerationBuilder } from "./generation-builder.js";
import { previouslyLive, recordLiveSwitch } from "./live-history.js";
import { type LoadedGeneration, openGeneration } from "./loaded-generation.js";
import { type GenerationManifest, readManifest } from "./manifest.js";
import { acquirePublishLock } from "./publish-lock.js";

const LIVE_FILE = "LIVE";
const GENERATIONS_DIR = "generations";
/** Exported for the restore path, which builds its generation in the same kind of temp dir. */
export const TEMP_PREFIX = ".tmp-";
export const PUBLISH_LOCK_FILE = "publish.lock";

export interface GenerationSummary {
  id: string;
  live: boolean;
  manifest?: GenerationManifest;
  /** Set when the manifest cannot be read: the generation is incomplete or damaged. */
  fault?: string;
}

export interface BuilderRequest {
  embedder: EmbedderIdentity;
  chunking: GenerationManifest["chunking"];
  indexFactory: string;
  /** Default true; false only to write a generation without a keyword index (compatibility tests). */
  keywordIndex?: boolean;
  /** Keyword index in the docstore's FTS5 table, as before keywords.bin (upgrade tests only). */
  keywordTable?: boolean;
  /** Docstore in SQLite, as before docstore.bin (upgrade tests only). */
  sqliteDocstore?: boolean;
  /** IVF lists a search visits (INDEX_NPROBE); default DEFAULT_NPROBE. */
  nprobe?: number;
  /** Derive the new generation from this one when generation-base.ts allows (the live one). */
  base?: GenerationBase;
}

export interface IndexStore {
  readonly dir: string;
  generationDir(id: string): string;
  liveId(): string | undefined;
  list(): GenerationSummary[];
  openLive(expectedEmbedder?: EmbedderIdentity): Promise<LoadedGeneration>;
  open(id: string, expectedEmbedder?: EmbedderIdentity): Promise<LoadedGeneration>;
  createBuilder(request: BuilderRequest): GenerationBuilder;
  /** Builds under the publish lock and makes the result live; the builder is aborted on failure. */
  publish(request: BuilderRequest, fill: (builder: GenerationBuilder) => Promise<void>): Promise<GenerationManifest>;
  /** Points LIVE at `id` atomically and records the switch in the live history. */
  setLive(id: string): void;
  /** Removes half-built generations left by a crash (waits for no one: fails if a publish runs). */
  removeLeftoverTempDirs(): string[];
  /**
   * Deletes the oldest generations beyond `keep`, never the live one, its predecessor, the one
   * live before it, or any in `alsoKeep` (what other hosts still serve).
   */
  prune(keep: number, alsoKeep?: Iterable<string>): string[];
}

export function newGenerationId(now = new Date()): string {
  // Millisecond precision so ids sort in creation order even for quick successive publishes.
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(".", "");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

export function openIndexStore(indexDir: string): IndexStore {
  const dir = resolve(indexDir);
  const generationsDir = join(dir, GENERATIONS_DIR);
  mkdirSync(generationsDir, { recursive: true });
  const generationDir = (id: string) => join(generationsDir, id);

  const liveId = (): string | undefined => {
    try {
      const id = readFileSync(join(dir, LIVE_FILE), "utf8").trim();
      return id === "" ? undefined : id;
    } catch {
      return undefined;
    }
  };

  const list = (): GenerationSummary[] => {
    const live = liveId();
    return readdirSync(generationsDir)
      .sort()
      .map((id) => {
        const read = readManifest(generationDir(id));
        return read.ok
          ? { id, live: id === live, manifest: read.manifest }
          : { id, live: id === live, fault: read.fault };
      });
  };

  const open = (id: string, expectedEmbedder?: EmbedderIdentity) =>
    openGeneration(generationDir(id), expectedEmbedder ? { expectedEmbedder } : {});

  const setLive = (id: string): void => {
    if (!existsSync(generationDir(id))) throw new Error(`Поколения ${id} нет в ${generationsDir}`);
    const from = liveId();
    replaceFileAtomically(join(dir, LIVE_FILE), `${id}\n`);
    recordLiveSwitch(dir, from, id);
  };

  // Generations being built, and the temp copies of LIVE and live-history a kill -9 can leave
  // between write and rename; nothing else writes them while the publish lock is held.
  const removeTemps = (): string[] => {
    const removed = readdirSync(dir).filter((name) => name.startsWith(TEMP_PREFIX) || isAtomicReplaceTemp(name));
    for (const name of removed) rmSync(join(dir, name), { recursive: true, force: true });
    return removed;
  };

  const createBuilder = (request: BuilderRequest): GenerationBuilder => {
    const id = newGenerationId();
    const previousId = liveId();
    return createGenerationBuilder({
      id,
      tempDir: join(dir, `${TEMP_PREFIX}${id}`),
      finalDir: generationDir(id),
      ...request,
      ...(previousId ? { previousId } : {}),
    });
  };

  return {
    dir,
    generationDir,
    liveId,
    list,
    open,
    setLive,
    createBuilder,
    async openLive(expectedEmbedder) {
      const id = liveId();
      if (!id) throw new NoLiveGenerationError(dir);
      return open(id, expectedEmbedder);
    },
    async publish(request, fill) {
      const release = acquirePublishLock(join(dir, PUBLISH_LOCK_FILE));
      // Temp dirs are only ever removed under the lock: outside it they may be a live build.
      removeTemps();
      let builder: GenerationBuilder;
      try {
        builder = createBuilder(request);
      } catch (error) {
        release();
        throw error;
      }
      try {
        await fill(builder);
        const manifest = await builder.finish();
        setLive(manifest.id);
        return manifest;
      } catch (error) {
        builder.abort();
        throw error;
      } finally {
        release();
      }
    },
    removeLeftoverTempDirs() {
      const release = acquirePublishLock(join(dir, PUBLISH_LOCK_FILE));
      try {
        return removeTemps();
      } finally {
        release();
      }
    },
    prune(keep, alsoKeep = []) {
      const live = liveId();
      const ids = readdirSync(generationsDir).sort();
      const liveManifest = live ? readManifest(generationDir(live)) : undefined;
      const protectedIds = new Set([
        live,
        liveManifest?.ok ? liveManifest.manifest.previousId : undefined,
        // What a plain `index rollback` returns to.
        previouslyLive(dir, live)[0],
        ...alsoKeep,
      ]);
      const candidates = ids.filter((id) => !protectedIds.has(id));
      const excess = Math.max(0, ids.length - keep);
      const removed = candidates.slice(0, excess);
      for (const id of removed) rmSync(generationDir(id), { recursive: true, force: true });
      return removed;
    },
  };
}
