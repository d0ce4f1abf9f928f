// The per-book report printed at the end of an ingest: indexed / unchanged / failed with
// the reason. Russian for operators; --json for scripts.
import type { BookOutcome, IngestReport } from "@ai-library/shared/pipeline";
import { describeFullRebuild } from "./full-rebuild-line.js";

const STATUS_TEXT: Record<BookOutcome["status"], string> = {
  indexed: "проиндексирована",
  unchanged: "без изменений (пропущена)",
  failed: "ОШИБКА",
  duplicate: "дубликат (пропущена)",
};

/** "; из текстового слоя 10, распознано OCR 5, не распознано 1 (с. 7: …)" for books with scanned pages. */
function ocrDetails(outcome: BookOutcome): string {
  const ocr = outcome.ocr;
  if (!ocr) return "";
  const failed = ocr.failedPages.map((failure) => `с. ${failure.page}: ${failure.reason}`).join("; ");
  return (
    `; из текстового слоя ${ocr.textPages}, распознано OCR ${ocr.ocrPages}, не распознано ${ocr.failedPages.length}` +
    (failed ? ` (${failed})` : "")
  );
}

export function printIngestReport(report: IngestReport, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const lines: string[] = ["", "Отчёт по книгам:"];
  const sorted = [...report.outcomes].sort((a, b) => a.file.localeCompare(b.file));
  for (const outcome of sorted) {
    const details =
      outcome.status === "failed" || outcome.status === "duplicate"
        ? ` — ${outcome.reason ?? ""}`
        : ` — фрагментов: ${outcome.chunks ?? 0}${outcome.pages !== undefined ? `, страниц: ${outcome.pages}` : ""}${ocrDetails(outcome)}`;
    lines.push(`  [${STATUS_TEXT[outcome.status]}] ${outcome.file}${details}`);
  }
  const count = (status: BookOutcome["status"]) => report.outcomes.filter((o) => o.status === status).length;
  lines.push(
    "",
    `Итого: проиндексировано ${count("indexed")}, без изменений ${count("unchanged")}, ошибок ${count("failed")}, дубликатов ${count("duplicate")}.`,
  );
  if (report.published) {
    lines.push(
      `Опубликовано поколение индекса ${report.generationId} (${report.chunkCount} фрагментов, заново векторизовано ${report.embeddedChunks}) за ${(report.durationMs / 1000).toFixed(1)} с.`,
    );
    if (report.full) {
      lines.push(
        describeFullRebuild({
          booksIndexed: count("indexed"),
          embeddedChunks: report.embeddedChunks,
          chunkCount: report.chunkCount,
        }),
      );
    }
  } else {
    lines.push(`Индекс НЕ опубликован: ${report.failure ?? "неизвестная причина"}. Текущий индекс не изменён.`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}
