// Renders an answer for the terminal, or as the documented `ask --json` shape.
import type { Answer } from "@ai-library/shared/answer";
import type { Passage } from "@ai-library/shared/retrieval";

export interface AskJsonSource {
  book: string;
  title: string;
  file: string;
  page?: number;
  pageEnd?: number;
  chapter?: string;
  score: number;
  text: string;
}

export function toAskJson(answer: Answer): { answer: string; sources: AskJsonSource[] } {
  return {
    answer: answer.text,
    sources: answer.sources.map((source) => ({
      book: source.bookId,
      title: source.title,
      file: source.file,
      ...(source.page !== undefined ? { page: source.page } : {}),
      ...(source.pageEnd !== undefined ? { pageEnd: source.pageEnd } : {}),
      ...(source.chapter !== undefined ? { chapter: source.chapter } : {}),
      score: Number(source.score.toFixed(4)),
      text: source.text,
    })),
  };
}

export function citation(source: Passage, language: Answer["language"]): string {
  const where =
    source.page !== undefined
      ? `${language === "en" ? "p." : "с."} ${source.page}${source.pageEnd !== undefined ? `–${source.pageEnd}` : ""}`
      : source.chapter
        ? `«${source.chapter}»`
        : source.file;
  return `${source.title}, ${where}`;
}

export function formatAnswerForTerminal(answer: Answer): string {
  const lines = [answer.text, ""];
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
