// Recognises a table of contents: lines of "title . . . . . page" dot leaders. Such a page
// matches the words of every heading it lists, so keyword search ranks it high, yet it
// never holds an answer; the hybrid scorer demotes it (score-candidates.ts).

const DOT_LEADER = /(?:\.\s?){5,}\s*\d+/g;
/** Entries needed before a chunk counts as contents (a stray ellipsis is not one). */
const MIN_ENTRIES = 3;

export function looksLikeContents(text: string): boolean {
  let entries = 0;
  for (const _ of text.matchAll(DOT_LEADER)) {
    entries += 1;
    if (entries >= MIN_ENTRIES) return true;
  }
  return false;
}
