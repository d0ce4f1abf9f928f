// `index list` for people: one row per generation, the live one marked, sizes in МБ; and the
// warnings an operator must not miss (LIVE pointing at nothing, unreadable manifests).
import type { GenerationListing } from "@ai-library/shared/index";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} Б`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} КБ`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} МБ`;
  return `${(bytes / 1024 ** 3).toFixed(2)} ГБ`;
}

const utc = (iso: string | undefined) => (iso ? `${iso.replace("T", " ").slice(0, 19)}` : "—");

export function formatGenerationTable(generations: GenerationListing[], liveId: string | undefined): string {
  if (generations.length === 0) {
    return "Поколений индекса ещё нет. Соберите индекс: pnpm ai-library ingest --folder data/books --inline";
  }
  const header = [
    "  ПОКОЛЕНИЕ".padEnd(30),
    "СОЗДАНО (UTC)".padEnd(20),
    "КНИГ".padEnd(6),
    "ФРАГМЕНТОВ".padEnd(11),
    "ВЕКТОРИЗАТОР".padEnd(30),
    "РАЗМЕР".padEnd(10),
    "",
  ].join(" ");
  const rows = [...generations]
    .reverse()
    .map((generation) =>
      [
        `${generation.live ? "*" : " "} ${generation.id}`.padEnd(30),
        utc(generation.createdAt).padEnd(20),
        String(generation.books ?? "—").padEnd(6),
        String(generation.chunks ?? "—").padEnd(11),
        (generation.embedder ?? "—").padEnd(30),
        formatBytes(generation.bytes).padEnd(10),
        generation.live ? "живое" : generation.fault ? `НЕПОЛНОЕ: ${generation.fault}` : "",
      ]
        .join(" ")
        .trimEnd(),
    );
  const lines = [header.trimEnd(), ...rows];
  if (liveId && !generations.some((generation) => generation.id === liveId)) {
    lines.push(
      `ВНИМАНИЕ: LIVE указывает на ${liveId}, а такого поколения нет. Выполните: pnpm ai-library index rollback`,
    );
  }
  lines.push("", "* — живое поколение (его обслуживает бот). Целостность: pnpm ai-library index check [ID]");
  return lines.join("\n");
}
