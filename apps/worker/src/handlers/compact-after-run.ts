// After a run is live and announced: when it left the live generation with many segments or
// many removed books' rows (compactionReason), fold them into one segment as a publish of its
// own — the new books are already being served meanwhile. A failed fold fails nothing: the run's
// generation stays live, and the next publish at MAX_SEGMENTS folds anyway.
import { compactionReason, compactLiveGeneration, type IndexStore, readManifest } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";

export async function compactAfterRun(
  store: IndexStore,
  logger: Logger,
  announce: (generationId: string) => Promise<void>,
): Promise<void> {
  const liveId = store.liveId();
  if (!liveId) return;
  const read = readManifest(store.generationDir(liveId));
  const reason = read.ok ? compactionReason(read.manifest) : undefined;
  if (!reason) return;
  logger.info(`Сегменты поколения ${liveId} сводятся в один (${reason}); новые книги уже обслуживаются`);
  try {
    const outcome = await compactLiveGeneration(store);
    if (outcome.kind === "skipped") {
      logger.info(`Слияние сегментов пропущено: ${outcome.reason}`);
      return;
    }
    logger.info(`Сегменты поколения ${outcome.fromId} сведены в одно: ${outcome.generationId}`, {
      segments: outcome.segments,
      chunkCount: outcome.chunkCount,
      seconds: Number(outcome.seconds.toFixed(2)),
    });
    await announce(outcome.generationId);
  } catch (error) {
    logger.warn(
      `Слияние сегментов поколения ${liveId} не удалось, оно остаётся живым: ${(error as Error).message}. ` +
        "Повторить: pnpm ai-library index compact",
    );
  }
}
