// What the bot's /healthz reports: healthy while it serves a generation or the index is
// simply empty (it then tells users the library is empty); unhealthy when LIVE exists but
// nothing could be loaded, since every question would then fail.
import type { HealthReport } from "@ai-library/shared/metrics";
import type { BotServices } from "./create-services.js";

export function botHealth(services: Pick<BotServices, "library" | "store">): HealthReport {
  const served = services.library.current()?.id;
  const live = services.store.liveId();
  return {
    ok: served !== undefined || live === undefined,
    generation: served ?? null,
    live: live ?? null,
    servingFallback: served !== undefined && live !== undefined && served !== live,
  };
}
