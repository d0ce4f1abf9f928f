// verifyLiveForReuse: which live generation a book job may report its book "unchanged" from —
// only one that passes verifyGeneration (checksums, not just manifest.json), because the run's
// publish step copies the book's chunks and vectors from it. A damaged live generation therefore
// means "prepare the book again", never a run that fails at publish with every book missing.
// Each generation is verified once per process (generations are immutable; concurrent jobs share one check).
import { describeFaults, type GenerationManifest, type IndexStore, verifyGeneration } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { type ReuseRequirements, readReusableLiveManifest } from "@ai-library/shared/pipeline";

export type VerifyLiveForReuse = (needs: ReuseRequirements) => Promise<GenerationManifest | undefined>;

export function createVerifyLiveForReuse(store: IndexStore, logger: Logger): VerifyLiveForReuse {
  const verdicts = new Map<string, Promise<boolean>>();
  const verify = (id: string): Promise<boolean> =>
    verifyGeneration(store.generationDir(id)).then((check) => {
      if (!check.ok)
        logger.warn(
          `Живое поколение ${id} повреждено (${describeFaults(check.faults)}): его книги готовятся заново, а не берутся из него. ` +
            `Проверить: \`pnpm ai-library index check ${id}\`.`,
        );
      return check.ok;
    });
  return async (needs) => {
    const manifest = readReusableLiveManifest(store, needs);
    if (!manifest) return undefined;
    let verdict = verdicts.get(manifest.id);
    if (!verdict) {
      verdict = verify(manifest.id);
      verdicts.set(manifest.id, verdict);
    }
    return (await verdict) ? manifest : undefined;
  };
}
