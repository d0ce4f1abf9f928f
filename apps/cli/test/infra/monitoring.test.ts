// infra/prometheus and infra/grafana: the alert rules pass promtool (syntax and their own unit
// tests) where promtool is installed, and everywhere they and the dashboard only use metrics the
// services really expose, cover the old manual's four alerts, and are well-formed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { repoRoot } from "../cli-helpers.js";
import { knownMetricNames, metricsIn } from "./known-metrics.js";

const prometheusDir = join(repoRoot, "infra/prometheus");
const hasPromtool = spawnSync("promtool", ["--version"]).status === 0;
// The tool is installed by scripts/setup-system.sh; a missing one is a failed check, never a skipped one.
const requirePromtool = () => {
  if (!hasPromtool)
    throw new Error("promtool (Debian package prometheus) is not installed: run bash scripts/setup-system.sh");
};

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: { refId: string; expr: string }[];
}

const rules = (
  parse(readFileSync(join(prometheusDir, "ai-library-alerts.yml"), "utf8")) as { groups: { rules: Rule[] }[] }
).groups.flatMap((group) => group.rules);
const dashboard = JSON.parse(readFileSync(join(repoRoot, "infra/grafana/ai-library-dashboard.json"), "utf8")) as {
  uid: string;
  title: string;
  panels: Panel[];
};
const panelExprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));

function promtool(...args: string[]) {
  return spawnSync("promtool", args, { cwd: prometheusDir, encoding: "utf8" });
}

describe("Prometheus alert rules", () => {
  it("pass `promtool check rules`, `check config` and their unit tests", () => {
    requirePromtool();
    for (const args of [
      ["check", "rules", "ai-library-alerts.yml"],
      ["check", "config", "prometheus.yml"],
      ["test", "rules", "ai-library-alerts.test.yml"],
    ]) {
      const result = promtool(...args);
      expect(result.status, `${args.join(" ")}\n${result.stdout}${result.stderr}`).toBe(0);
    }
  });

  it("cover the old manual's alerts plus ingestion and index failures, each with severity and advice", () => {
    expect(rules.map((rule) => rule.alert).sort()).toEqual(
      [
        "AiLibraryBotDown",
        "AiLibraryBotNotAnswering",
        "AiLibraryCriticalErrors",
        "AiLibraryHighMemory",
        "AiLibraryNoQuestions",
        "AiLibraryGenerationRefused",
        "AiLibraryServingFallback",
        "AiLibraryNoIndex",
        "AiLibraryIndexTooOld",
        "AiLibraryWorkerDown",
        "AiLibraryIngestFailedBooks",
        "AiLibraryIngestRunFailed",
        "AiLibraryQueueUnreachable",
        "AiLibraryQueuePaused",
        "AiLibraryIngestionDisabled",
        "AiLibraryJobsWaitingNoWorker",
      ].sort(),
    );
    for (const rule of rules) {
      expect(["critical", "warning"], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length, rule.alert).toBeGreaterThan(10);
      expect(rule.annotations.description.length, rule.alert).toBeGreaterThan(10);
    }
    expect(rules.find((rule) => rule.alert === "AiLibraryBotNotAnswering")?.for).toBe("5m");
  });

  it("use only metrics the bot and the worker expose", async () => {
    const known = await knownMetricNames();
    for (const rule of rules) {
      for (const name of metricsIn(rule.expr)) expect(known, `${rule.alert}: ${name}`).toContain(name);
    }
  });
});

describe("Grafana dashboard", () => {
  it("is a well-formed dashboard whose panels do not overlap", () => {
    expect(dashboard).toMatchObject({ uid: "ai-library-bot", title: "ai_library_bot" });
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w, panel.title).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row++) {
        for (let column = x; column < x + w; column++) {
          const cell = `${row}:${column}`;
          expect(cells.has(cell), `${panel.title} overlaps at ${cell}`).toBe(false);
          cells.add(cell);
        }
      }
    }
  });

  it("charts every metric the issue names, using only metrics the services expose", async () => {
    const known = await knownMetricNames();
    const used = new Set(panelExprs.flatMap(metricsIn));
    for (const name of used) expect(known, name).toContain(name);
    for (const required of [
      "ai_library_bot_questions_total",
      "ai_library_bot_answer_duration_seconds_bucket",
      "ai_library_bot_answers_without_source_total",
      "ai_library_bot_errors_total",
      "ai_library_index_live_generation_info",
      "ai_library_index_live_generation_age_seconds",
      "ai_library_index_live_chunks",
      "ai_library_index_live_books",
      "ai_library_index_reloads_total",
      "ai_library_index_refused_generations_total",
      "ai_library_worker_jobs",
      "ai_library_worker_books_indexed_total",
      "ai_library_worker_books_failed_total",
      "ai_library_worker_pages_total",
      "ai_library_worker_queue_paused",
      "ai_library_worker_ingestion_enabled",
      "ai_library_worker_last_publish_timestamp_seconds",
      "process_resident_memory_bytes",
      "nodejs_eventloop_lag_p99_seconds",
    ]) {
      expect(used, required).toContain(required);
    }
  });

  it("has panel queries that are valid PromQL", () => {
    requirePromtool();
    // promtool has no "parse this query" command; recording rules made of the queries do the job.
    const dir = mkdtempSync(join(tmpdir(), "dashboard-promql-"));
    const file = join(dir, "panels.yml");
    const record = panelExprs.map((expr, index) => ({ record: `dashboard:panel_${index}`, expr }));
    writeFileSync(file, stringify({ groups: [{ name: "dashboard", rules: record }] }));
    const result = spawnSync("promtool", ["check", "rules", file], { encoding: "utf8" });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });
});
