// `index check` for people: a sound generation in one line, a damaged one with every fault
// (file first) and the commands that recover from it.
import type { GenerationVerification } from "@ai-library/shared/index";

export function formatCheckReport(check: GenerationVerification, isLive: boolean): string {
  const who = `Поколение ${check.id}${isLive ? " (живое)" : ""}`;
  const manifest = check.manifest;
  if (check.ok && manifest) {
    const { provider, model, dims } = manifest.embedder;
    return (
      `${who}: в порядке — книг ${manifest.books.length}, фрагментов ${manifest.chunkCount} (= векторов FAISS), ` +
      `размерность ${dims} (${provider}:${model}), контрольные суммы ${Object.keys(manifest.files).length} файлов совпадают, docstore читается.`
    );
  }
  const lines = [`${who}: ПОВРЕЖДЕНО`];
  for (const fault of check.faults) lines.push(`  - ${fault.file ? `${fault.file}: ` : ""}${fault.fault}`);
  if (isLive) {
    lines.push(
      "Что делать (бот продолжает отвечать по поколению, загруженному в память, или по последнему исправному):",
      "  pnpm ai-library index rollback           — сделать живым предыдущее исправное поколение",
      "  pnpm ai-library index restore <архив>    — восстановить из резервной копии (BACKUP_DIR)",
      "  pnpm ai-library index rebuild --inline   — пересобрать индекс из книг BOOKS_DIR",
    );
  } else {
    lines.push("Это не живое поколение: бот его не использует. Не выбирайте его для `index rollback --to`.");
  }
  return lines.join("\n");
}
