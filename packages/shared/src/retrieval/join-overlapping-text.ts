// Consecutive chunks of a book share CHUNK_OVERLAP characters (the end of one is the start of
// the next). Joining them must not repeat that text, so the overlap is found and dropped.

/** Shortest shared stretch taken as an overlap; shorter coincidences ("the ") are not. */
const MIN_OVERLAP = 12;
/** How far back in the first text the overlap may start (overlap is at most a few hundred chars). */
const SEARCH_WINDOW = 2000;

export interface JoinedText {
  text: string;
  /** Where `second` begins inside `text`. */
  secondStart: number;
}

/** `first` followed by `second`, their shared stretch written once (or a line break between if none). */
export function joinOverlappingText(first: string, second: string): JoinedText {
  const probe = second.slice(0, MIN_OVERLAP);
  if (probe.length === MIN_OVERLAP) {
    // The longest overlap starts earliest: take the first place whose tail the second text begins with.
    for (
      let at = first.indexOf(probe, Math.max(0, first.length - SEARCH_WINDOW));
      at >= 0;
      at = first.indexOf(probe, at + 1)
    ) {
      if (second.startsWith(first.slice(at))) return { text: first.slice(0, at) + second, secondStart: at };
    }
  }
  const separator = /\s$/.test(first) || /^\s/.test(second) ? "" : "\n";
  return { text: first + separator + second, secondStart: first.length + separator.length };
}
