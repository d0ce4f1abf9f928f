// Consecutive chunks of a book share CHUNK_OVERLAP characters (the end of one is the start of
// the next). Joining them must not repeat that text, so the overlap is found and dropped.

/** Characters of the second text's start that are looked up in the first text's tail. */
const PROBE_CHARS = 40;
/** How far back in the first text the overlap may start (overlap is at most a few hundred chars). */
const SEARCH_WINDOW = 2000;

export interface JoinedText {
  text: string;
  /** Where `second` begins inside `text`. */
  secondStart: number;
}

/** `first` followed by `second`, their shared stretch written once (or a space between if none). */
export function joinOverlappingText(first: string, second: string): JoinedText {
  const probe = second.slice(0, Math.min(PROBE_CHARS, second.length));
  const windowStart = Math.max(0, first.length - SEARCH_WINDOW);
  if (probe.length > 0) {
    for (let at = first.indexOf(probe, windowStart); at >= 0; at = first.indexOf(probe, at + 1)) {
      const tail = first.slice(at);
      if (second.startsWith(tail)) return { text: first.slice(0, at) + second, secondStart: at };
    }
  }
  const separator = /\s$/.test(first) || /^\s/.test(second) ? "" : "\n";
  return { text: first + separator + second, secondStart: first.length + separator.length };
}
