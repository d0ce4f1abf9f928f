// Deterministic book-like chunks for the peer comparison: ~600-char passages composed from
// the words of the project's own docs, so the hashed embedder sees realistic text and both
// systems index exactly the same chunks in every run.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "../../../..");
const CHUNK_CHARS = 600;

let cachedWords: string[] | undefined;

/** The docs' words, read once per process (the grow bench asks for thousands of books). */
function vocabulary(): string[] {
  cachedWords ??= readVocabulary();
  return cachedWords;
}

function readVocabulary(): string[] {
  const docs = join(ROOT, "docs");
  const texts = [readFileSync(join(ROOT, "README.md"), "utf8")];
  for (const name of readdirSync(docs)
    .filter((file) => file.endsWith(".md"))
    .sort()) {
    texts.push(readFileSync(join(docs, name), "utf8"));
  }
  return texts
    .join(" ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 2);
}

export function benchChunkTexts(count: number, seed = 7): string[] {
  const words = vocabulary();
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  // Joined, not concatenated word by word: a chunk the splitter or a staged book hands over is
  // one flat string, while `+=` leaves a rope of a hundred pieces that whichever system first
  // reads the text as UTF-8 (SQLite, JSON.stringify, a file write) pays to flatten.
  return Array.from({ length: count }, (_, position) => {
    const words_ = [`§${position}.`];
    let length = words_[0]?.length ?? 0;
    while (length < CHUNK_CHARS) {
      const word = words[next() % words.length] ?? "книга";
      words_.push(word);
      length += word.length + 1;
    }
    return words_.join(" ");
  });
}
