// An LLM cites passages by their prompt numbers ([3], [1][4], [2, 5]). The Answer contract
// wants `sources` to be only the cited passages, numbered [1], [2] … in order of first
// citation, so citations are renumbered and numbers that name no passage are dropped.
import type { Passage } from "../retrieval/types.js";

const CITATION = /(\s*)\[(\d+(?:\s*[,;]\s*\d+)*)\]/g;

export function renumberCitations(text: string, passages: readonly Passage[]): { text: string; sources: Passage[] } {
  const newNumber = new Map<number, number>();
  const sources: Passage[] = [];
  const rewritten = text.replace(CITATION, (_match, space: string, list: string) => {
    const numbers = list
      .split(/[,;]/)
      .map((part) => Number(part.trim()))
      .filter((number) => Number.isInteger(number) && number >= 1 && number <= passages.length);
    const renumbered = numbers.map((number) => {
      let assigned = newNumber.get(number);
      if (assigned === undefined) {
        const passage = passages[number - 1];
        if (passage) sources.push(passage);
        assigned = sources.length;
        newNumber.set(number, assigned);
      }
      return assigned;
    });
    // A citation that names no passage disappears together with the space before it.
    if (renumbered.length === 0) return "";
    return space + [...new Set(renumbered)].map((number) => `[${number}]`).join("");
  });
  return { text: rewritten.trim(), sources };
}
