// The «Подробнее» / "Expand" text of a cited passage: the chunks of its book around it that share
// its section, joined in reading order, up to a character budget. Found by book id and chunk
// position, not by FAISS label, so a source shown before a swap still expands in the generation
// served now (as long as that generation still holds the book).
import type { Chunk } from "../chunking/types.js";
import type { LoadedGeneration } from "../index/generation/loaded-generation.js";
import { assemblePassage } from "./assemble-passage.js";
import { sameSection } from "./group-adjacent-hits.js";
import { joinOverlappingText } from "./join-overlapping-text.js";
import type { Passage } from "./types.js";

export interface SectionText {
  passage: Passage;
  /** False when the section runs on past the budget at either end. */
  whole: boolean;
}

/** Chunks read on each side of the cited one (more than any budget a message allows needs). */
const WINDOW = 16;

function joinedLength(chunks: readonly Chunk[]): number {
  let text = "";
  for (const chunk of chunks) text = text === "" ? chunk.text : joinOverlappingText(text, chunk.text).text;
  return text.length;
}

export function sectionAround(
  generation: Pick<LoadedGeneration, "book" | "chunksByLabel">,
  bookId: string,
  position: number,
  maxChars: number,
): SectionText | undefined {
  const book = generation.book(bookId);
  if (!book || position < 0 || position >= book.chunkCount) return undefined;
  const center = book.firstLabel + position;
  const lowest = Math.max(book.firstLabel, center - WINDOW);
  const highest = Math.min(book.firstLabel + book.chunkCount - 1, center + WINDOW);
  const labels = Array.from({ length: highest - lowest + 1 }, (_, offset) => lowest + offset);
  const byLabel = generation.chunksByLabel(labels);
  const cited = byLabel.get(center);
  if (!cited) return undefined;
  const taken: Chunk[] = [cited];
  let before = center - 1;
  let after = center + 1;
  let whole = true;
  // Reading goes on forward first: the cited text is usually the start of what the reader wants.
  for (let grew = true; grew; ) {
    grew = false;
    for (const forward of [true, false]) {
      const label = forward ? after : before;
      const chunk = byLabel.get(label);
      if (!chunk || !sameSection(chunk, cited)) continue;
      const next = forward ? [...taken, chunk] : [chunk, ...taken];
      if (joinedLength(next) > maxChars) {
        whole = false;
        continue;
      }
      taken.splice(0, taken.length, ...next);
      if (forward) after++;
      else before--;
      grew = true;
    }
  }
  // The window itself may end inside the section: then more of it lies beyond what was read.
  const bookEnd = book.firstLabel + book.chunkCount - 1;
  if ((after > highest && highest < bookEnd) || (before < lowest && lowest > book.firstLabel)) whole = false;
  const group = { labels: [], chunks: taken, rank: 0, best: 0 };
  return { passage: assemblePassage(group, {}, 0, 0), whole };
}
