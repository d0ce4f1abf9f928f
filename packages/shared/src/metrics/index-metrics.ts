// Index metrics shared by the bot and the worker: which generation is served and how old it
// is, its size, reloads by outcome, refused generations, and whether the process is serving a
// fallback because LIVE points at a damaged generation. Gauges are read at scrape time from
// the process's own state, so they can never drift from what is actually served.
import { Counter, Gauge, type Registry } from "prom-client";
import type { GenerationManifest } from "../index/generation/manifest.js";
import type { LiveVerification } from "../index/operations/verify-live-generation.js";
import type { ReloadOutcome } from "../retrieval/live-library.js";

export interface IndexStateSource {
  /** The generation this process serves (bot) or builds on (worker); undefined = none. */
  served(): Pick<GenerationManifest, "id" | "createdAt" | "chunkCount" | "books"> | undefined;
  /** What INDEX_DIR/LIVE points at now. */
  liveId(): string | undefined;
}

export interface IndexMetrics {
  /** Counts a reload check of the live library (unchanged checks are not counted). */
  recordReload(outcome: ReloadOutcome): void;
  /** Counts what the start-up verification found (a fallback is a refused generation). */
  recordStartupCheck(check: LiveVerification): void;
}

export function defineIndexMetrics(
  registry: Registry,
  source: IndexStateSource,
  clock: () => number = Date.now,
): IndexMetrics {
  const registers = [registry];
  const createdSeconds = () => {
    const served = source.served();
    return served ? Date.parse(served.createdAt) / 1000 : undefined;
  };
  new Gauge({
    name: "ai_library_index_live_generation_info",
    help: "1 for the index generation being served (label generation)",
    labelNames: ["generation"],
    registers,
    collect() {
      this.reset();
      const served = source.served();
      if (served) this.set({ generation: served.id }, 1);
    },
  });
  const scalar = (name: string, help: string, read: () => number | undefined) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.reset();
        const value = read();
        if (value !== undefined) this.set(value);
      },
    });
  scalar(
    "ai_library_index_live_generation_created_seconds",
    "Unix time the served generation was created",
    createdSeconds,
  );
  scalar("ai_library_index_live_generation_age_seconds", "Seconds since the served generation was created", () => {
    const created = createdSeconds();
    return created === undefined ? undefined : clock() / 1000 - created;
  });
  scalar("ai_library_index_live_chunks", "Chunks in the served generation", () => source.served()?.chunkCount);
  scalar("ai_library_index_live_books", "Books in the served generation", () => source.served()?.books.length);
  scalar(
    "ai_library_index_serving_fallback",
    "1 when LIVE points at a damaged generation and an older one is served",
    () => {
      const served = source.served();
      const live = source.liveId();
      return served && live ? Number(served.id !== live) : 0;
    },
  );
  const reloads = new Counter({
    name: "ai_library_index_reloads_total",
    help: "Index reload checks that changed something or failed, by outcome (loaded, refused, fallback, empty)",
    labelNames: ["outcome"],
    registers,
  });
  const refused = new Counter({
    name: "ai_library_index_refused_generations_total",
    help: "Generations that failed verification and were not served",
    registers,
  });
  return {
    recordReload(outcome) {
      if (outcome.status === "unchanged") return;
      reloads.inc({ outcome: outcome.status });
      if (outcome.status === "refused" || outcome.status === "fallback") refused.inc();
    },
    recordStartupCheck(check) {
      if (check.status === "fell-back" || check.status === "no-sound-generation") {
        reloads.inc({ outcome: check.status === "fell-back" ? "fallback" : "refused" });
        refused.inc();
      }
    },
  };
}
