// One reconcile of this host's INDEX_DIR with the publisher: if the publisher's LIVE differs from
// ours, make it ours — from a sound local copy when we hold one (the publisher rolled back or
// restored to a generation we had), otherwise downloaded into a temp folder and verified by
// installGeneration. A refused or failed download changes nothing: the host keeps serving its
// last good generation and the next notice or interval tries again.
import {
  type EmbedderExpectation,
  GenerationRefusedError,
  type IndexStore,
  installGeneration,
} from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { type DownloadReport, downloadGeneration, fetchLiveId, type GenerationSource } from "./generation-source.js";

export type SyncOutcome =
  | { kind: "in-sync"; generationId: string | undefined }
  | { kind: "reused" | "installed"; generationId: string; previousId: string | undefined; download?: DownloadReport }
  | { kind: "refused"; generationId: string; reason: string }
  | { kind: "unreachable"; reason: string };

export interface SyncDeps {
  store: IndexStore;
  source: GenerationSource;
  logger: Logger;
  expectedEmbedder?: EmbedderExpectation;
  /** After LIVE moved: tell this host's bot (Redis notice), prune old generations. */
  onSwitched?: (generationId: string) => Promise<void>;
}

export async function syncWithPublisher(deps: SyncDeps): Promise<SyncOutcome> {
  const { store, source, logger } = deps;
  let remote: string | undefined;
  try {
    remote = await fetchLiveId(source);
  } catch (error) {
    logger.warn(`Синхронизация индекса: ${(error as Error).message}; хост обслуживает ${store.liveId() ?? "—"}`);
    return { kind: "unreachable", reason: (error as Error).message };
  }
  const previousId = store.liveId();
  if (remote === undefined || remote === previousId) return { kind: "in-sync", generationId: previousId };
  let download: DownloadReport | undefined;
  try {
    const outcome = await installGeneration(
      store,
      remote,
      async (temp) => {
        download = await downloadGeneration(source, store, remote, temp);
      },
      deps.expectedEmbedder ? { expectedEmbedder: deps.expectedEmbedder } : {},
    );
    if (outcome.kind === "unchanged") return { kind: "in-sync", generationId: remote };
    logger.info(
      outcome.kind === "reused"
        ? `Синхронизация индекса: живое поколение ${remote} (было ${previousId ?? "—"}) — своя проверенная копия, без загрузки`
        : `Синхронизация индекса: поколение ${remote} загружено с ${source.url}, проверено и стало живым (было ${previousId ?? "—"})`,
      download ? { downloaded: download.downloaded, reused: download.reused } : {},
    );
    await deps.onSwitched?.(remote);
    return { kind: outcome.kind, generationId: remote, previousId, ...(download ? { download } : {}) };
  } catch (error) {
    const reason =
      error instanceof GenerationRefusedError
        ? error.message
        : `загрузка поколения ${remote} не удалась: ${(error as Error).message}`;
    logger.error(
      `Синхронизация индекса: поколение ${remote} с ${source.url} отклонено — ${reason}; временный каталог удалён, ` +
        `хост продолжает обслуживать ${previousId ?? "—"}`,
    );
    return { kind: "refused", generationId: remote, reason };
  }
}
