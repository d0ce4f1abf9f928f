// The reference a queued run is compared with: the same folder ingested inline (one process,
// no Redis) into a separate index. Same books, same settings → the same chunks.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppConfig } from "@ai-library/shared/config";
import { createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { openIndexStore } from "@ai-library/shared/index";
import { closeLogger, createLogger } from "@ai-library/shared/logging";
import { type IngestReport, ingestSettingsFromConfig, runIngest } from "@ai-library/shared/pipeline";

export async function ingestInline(config: AppConfig, folder: string): Promise<IngestReport> {
  const dir = mkdtempSync(join(tmpdir(), "worker-oracle-"));
  const logger = createLogger({ service: "test", level: "error", dir: join(dir, "logs"), console: false });
  try {
    const embedder = createEmbedderFromConfig(config, { logger });
    return await runIngest(
      { settings: ingestSettingsFromConfig(config), logger, embedder, store: openIndexStore(join(dir, "index")) },
      { folder },
    );
  } finally {
    await closeLogger(logger);
    rmSync(dir, { recursive: true, force: true });
  }
}
