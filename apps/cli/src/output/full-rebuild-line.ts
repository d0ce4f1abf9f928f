// The line that shows a rebuild from scratch (`--full`) really started from scratch: every book
// parsed again and every chunk embedded again, with the figures to compare.

export interface FullRebuildFacts {
  booksIndexed: number;
  embeddedChunks: number;
  chunkCount: number;
}

export function describeFullRebuild(facts: FullRebuildFacts): string {
  return (
    `Полная пересборка: разобрано заново книг ${facts.booksIndexed}, векторизовано заново ${facts.embeddedChunks} ` +
    `из ${facts.chunkCount} фрагментов; из живого поколения и из кэша векторов не взято ничего.`
  );
}
