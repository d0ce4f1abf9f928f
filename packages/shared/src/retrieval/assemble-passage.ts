// Turns a group of consecutive chunks into the passage a reader sees: their texts joined
// without repeating the overlap, a sentence cut at either end completed from the neighbouring
// chunk, and the citation widened to every page the text now covers (with those pages' labels).
import type { Chunk } from "../chunking/types.js";
import { endsMidSentence, startsMidSentence, unfinishedHead, unfinishedTail } from "./complete-cut-sentences.js";
import { type HitGroup, sameSection } from "./group-adjacent-hits.js";
import { joinOverlappingText } from "./join-overlapping-text.js";
import type { Passage } from "./types.js";

export interface Neighbours {
  before?: Chunk;
  after?: Chunk;
}

interface Draft {
  text: string;
  pages: number[];
  /** Page labels known from the chunks used, by page number (only pages whose label differs). */
  labels: Map<number, string>;
}

function pagesOf(chunk: Chunk): number[] {
  return chunk.page === undefined ? [] : [chunk.page, chunk.pageEnd ?? chunk.page];
}

function addLabels(draft: Draft, chunk: Chunk): void {
  if (chunk.page !== undefined && chunk.pageLabel !== undefined) draft.labels.set(chunk.page, chunk.pageLabel);
  if (chunk.pageEnd !== undefined && chunk.pageLabelEnd !== undefined)
    draft.labels.set(chunk.pageEnd, chunk.pageLabelEnd);
}

function prependUnfinished(draft: Draft, before: Chunk, maxChars: number): void {
  const joined = joinOverlappingText(before.text, draft.text);
  const ahead = joined.text.slice(0, joined.secondStart);
  if (!startsMidSentence(ahead)) return;
  const tail = unfinishedTail(ahead, maxChars);
  if (tail.trim() === "") return;
  draft.text = /\s$/.test(tail) || /^\s/.test(draft.text) ? tail + draft.text : `${tail} ${draft.text}`;
  const lastPage = before.pageEnd ?? before.page;
  if (lastPage !== undefined) draft.pages.push(lastPage);
  addLabels(draft, before);
}

function appendUnfinished(draft: Draft, after: Chunk, maxChars: number): void {
  if (!endsMidSentence(draft.text)) return;
  const rest = joinOverlappingText(draft.text, after.text).text.slice(draft.text.length);
  const gap = /^\s*/.exec(rest)?.[0] ?? "";
  if (gap.includes("\n\n")) return; // a paragraph break: the text ended a block, not mid-sentence
  const head = unfinishedHead(rest.slice(gap.length), maxChars);
  if (head === "") return;
  draft.text += (gap === "" && !/\s$/.test(draft.text) ? " " : gap) + head;
  if (after.page !== undefined) draft.pages.push(after.page);
  addLabels(draft, after);
}

export function assemblePassage(
  group: HitGroup,
  neighbours: Neighbours,
  score: number,
  maxExpandChars: number,
): Passage {
  const [first, ...rest] = group.chunks;
  if (!first) throw new Error("assemblePassage needs at least one chunk");
  const draft: Draft = { text: first.text, pages: pagesOf(first), labels: new Map() };
  addLabels(draft, first);
  for (const chunk of rest) {
    draft.text = joinOverlappingText(draft.text, chunk.text).text;
    draft.pages.push(...pagesOf(chunk));
    addLabels(draft, chunk);
  }
  if (maxExpandChars > 0) {
    if (neighbours.before && sameSection(neighbours.before, first))
      prependUnfinished(draft, neighbours.before, maxExpandChars);
    if (neighbours.after && sameSection(neighbours.after, first))
      appendUnfinished(draft, neighbours.after, maxExpandChars);
  }
  const {
    page: _page,
    pageEnd: _pageEnd,
    pageLabel: _label,
    pageLabelEnd: _labelEnd,
    ocr: _ocr,
    text: _text,
    ...source
  } = first;
  // One recognised page among the merged chunks is enough for the reader to be warned.
  const ocr = group.chunks.some((chunk) => chunk.ocr);
  const page = draft.pages.length > 0 ? Math.min(...draft.pages) : undefined;
  const pageEnd = draft.pages.length > 0 ? Math.max(...draft.pages) : undefined;
  const spans = pageEnd !== undefined && page !== undefined && pageEnd > page;
  const pageLabel = page !== undefined ? draft.labels.get(page) : undefined;
  const pageLabelEnd = spans ? draft.labels.get(pageEnd) : undefined;
  return {
    ...source,
    ...(page !== undefined ? { page } : {}),
    ...(spans ? { pageEnd } : {}),
    ...(pageLabel !== undefined ? { pageLabel } : {}),
    ...(pageLabelEnd !== undefined ? { pageLabelEnd } : {}),
    ...(ocr ? { ocr: true as const } : {}),
    text: draft.text,
    score,
  };
}
