// Texts of chunks picked at random from a loaded generation: benchmarks make their questions of
// them, so most questions have answers in the library whatever its size.
import type { LoadedGeneration } from "./loaded-generation.js";

export function randomChunkTexts(generation: LoadedGeneration, count: number): string[] {
  const books = generation.manifest.books.filter((book) => book.chunkCount > 0);
  const total = books.reduce((sum, book) => sum + book.chunkCount, 0);
  if (total === 0) return [];
  const labels = Array.from({ length: count }, () => {
    let at = Math.floor(Math.random() * total);
    for (const book of books) {
      if (at < book.chunkCount) return book.firstLabel + at;
      at -= book.chunkCount;
    }
    return books[0]?.firstLabel ?? 0;
  });
  const chunks = generation.chunksByLabel([...new Set(labels)]);
  return labels.flatMap((label) => {
    const chunk = chunks.get(label);
    return chunk ? [chunk.text] : [];
  });
}
