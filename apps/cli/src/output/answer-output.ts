// Renders an answer for the terminal, or as the documented `ask --json` shape.
import { type Answer, withoutCodeFences } from "@ai-library/shared/answer";
import type { Passage } from "@ai-library/shared/retrieval";

export interface AskJsonSource {
  book: string;
  title: string;
  file: string;
  page?: number;
  pageEnd?: number;
  /** The page labels the reader's viewer shows (PDF /PageLabels), when they differ from the numbers. */
  pageLabel?: string;
  pageLabelEnd?: string;
  chapter?: string;
  /** The innermost table-of-contents (or PDF outline) entry holding the passage. */
  section?: string;
  /** The passage comes from a page recognised by OCR: the text may hold recognition errors. */
  ocr?: true;
  score: number;
  text: string;
  /** Whether the answer cites it: cited sources come first, numbered as in the answer's [n]. */
  cited: boolean;
}

/**
 * The answer with every retrieved passage: the cited ones first (their order is the [n] of
 * the answer text), then those the answer did not quote, so a script never loses evidence.
 */
export function toAskJson(
  answer: Answer,
  retrieved: readonly Passage[] = [],
): { answer: string; notFound: boolean; closestOnly: boolean; sources: AskJsonSource[] } {
  const cited = new Set<Passage>(answer.sources);
  const uncited = retrieved.filter((passage) => !cited.has(passage));
  return {
    answer: answer.text,
    notFound: answer.notFound,
    closestOnly: answer.closestOnly === true,
    sources: [...answer.sources, ...uncited].map((source) => ({
      book: source.bookId,
      title: source.title,
      file: source.file,
      ...(source.page !== undefined ? { page: source.page } : {}),
      ...(source.pageEnd !== undefined ? { pageEnd: source.pageEnd } : {}),
      ...(source.pageLabel !== undefined ? { pageLabel: source.pageLabel } : {}),
      ...(source.pageLabelEnd !== undefined ? { pageLabelEnd: source.pageLabelEnd } : {}),
      ...(source.chapter !== undefined ? { chapter: source.chapter } : {}),
      ...(source.section !== undefined ? { section: source.section } : {}),
      ...(source.ocr ? { ocr: true as const } : {}),
      score: Number(source.score.toFixed(4)),
      text: source.text,
      cited: cited.has(source),
    })),
  };
}

/** "с. 12–13", or with page labels "с. xii–xiii (12–13)": the label is what the viewer shows. */
function pagesOf(source: Passage, language: Answer["language"]): string | undefined {
  if (source.page === undefined) return undefined;
  const prefix = language === "en" ? "p." : "с.";
  const numbers = source.pageEnd !== undefined ? `${source.page}–${source.pageEnd}` : `${source.page}`;
  if (source.pageLabel === undefined && source.pageLabelEnd === undefined) return `${prefix} ${numbers}`;
  const first = source.pageLabel ?? String(source.page);
  const labels = source.pageEnd !== undefined ? `${first}–${source.pageLabelEnd ?? source.pageEnd}` : first;
  return `${prefix} ${labels} (${numbers})`;
}

/** "«Chapter › Section»", either part alone, or undefined. */
function placeOf(source: Passage): string | undefined {
  const parts = [source.chapter, source.section].filter((part): part is string => Boolean(part?.trim()));
  return parts.length > 0 ? `«${parts.join(" › ")}»` : undefined;
}

export function citation(source: Passage, language: Answer["language"]): string {
  const ocrMark = source.ocr ? (language === "en" ? "OCR" : "распознано OCR") : undefined;
  const where = [pagesOf(source, language), placeOf(source), ocrMark].filter((part) => part !== undefined);
  return `${source.title}, ${where.length > 0 ? where.join(", ") : source.file}`;
}

export function formatAnswerForTerminal(answer: Answer): string {
  // Commands print as they are, line for line, without the fences the bot turns into <pre>.
  const lines = [withoutCodeFences(answer.text), ""];
  if (answer.sources.length > 0) {
    lines.push(answer.language === "en" ? "Sources:" : "Источники:");
    answer.sources.forEach((source, index) => {
      lines.push(
        `  [${index + 1}] ${citation(source, answer.language)}  (${source.file}, score ${source.score.toFixed(3)})`,
      );
    });
  }
  return `${lines.join("\n")}\n`;
}
