// One book's share of the keyword index, computed where the book is prepared (a worker's book
// job, in parallel with other books) and staged with its vectors, so the publish only merges
// books: it looks each of the book's distinct terms up once instead of every word of every
// chunk (at 10k chunks ~80k lookups instead of ~900k). Plain arrays, so it travels as JSON.
import type { Chunk } from "../../chunking/types.js";
import { headingOf } from "./keyword-index.js";
import { keywordTerms } from "./keyword-terms.js";
import { MAX_TERM_COUNT } from "./postings-file.js";

export interface BookPostings {
  /** The book's distinct terms; term i owns entries from ends[i−1] (0 for the first) to ends[i]. */
  terms: string[];
  ends: number[];
  /** Per entry: the chunk's position among the book's chunks, rows ascending within a term. */
  rows: number[];
  /** Per entry: the term's count in the chunk's text (low 16 bits) and heading (high 16 bits). */
  counts: number[];
  /** Per chunk: its length in terms, text and heading together (BM25's document length). */
  lengths: number[];
}

export type PostingsChunk = Pick<Chunk, "text" | "chapter" | "section">;

/** The postings of a book's chunks, their headings made of `title`, chapter and section. */
export function bookPostings(title: string, chunks: readonly PostingsChunk[]): BookPostings {
  const entries = new Map<string, { rows: number[]; counts: number[] }>();
  const lengths: number[] = [];
  let lastHeading: string | undefined;
  let headingTerms: string[] = [];
  const count = new Map<string, number>();
  chunks.forEach((chunk, row) => {
    const heading = headingOf(title, chunk.chapter, chunk.section);
    if (heading !== lastHeading) {
      lastHeading = heading;
      headingTerms = keywordTerms(heading);
    }
    const terms = keywordTerms(chunk.text);
    lengths.push(terms.length + headingTerms.length);
    count.clear();
    for (const term of terms) count.set(term, Math.min((count.get(term) ?? 0) + 1, MAX_TERM_COUNT));
    for (const term of headingTerms) count.set(term, (count.get(term) ?? 0) + 0x10000);
    for (const [term, packed] of count) {
      let entry = entries.get(term);
      if (!entry) {
        entry = { rows: [], counts: [] };
        entries.set(term, entry);
      }
      entry.rows.push(row);
      entry.counts.push(packed);
    }
  });
  const postings: BookPostings = { terms: [], ends: [], rows: [], counts: [], lengths };
  // Terms in sorted order: the publish's merge takes terms in that order, so it then reads each
  // book's arrays front to back instead of jumping about them (~10 ms less at 10k chunks; the
  // sort costs the book job ~1 ms). Postings staged unsorted by earlier versions merge the same.
  for (const term of [...entries.keys()].sort()) {
    const entry = entries.get(term) as { rows: number[]; counts: number[] };
    postings.terms.push(term);
    for (let at = 0; at < entry.rows.length; at++) {
      postings.rows.push(entry.rows[at] as number);
      postings.counts.push(entry.counts[at] as number);
    }
    postings.ends.push(postings.rows.length);
  }
  return postings;
}

/** Faults that would make the postings disagree with the book's chunks; empty when consistent. */
export function bookPostingsFaults(postings: BookPostings, chunkCount: number): string[] {
  const faults: string[] = [];
  if (postings.lengths.length !== chunkCount) {
    faults.push(`длины у ${postings.lengths.length} фрагментов, а фрагментов ${chunkCount}`);
  }
  if (new Set(postings.terms).size !== postings.terms.length) faults.push("термины повторяются");
  if (postings.ends.length !== postings.terms.length || postings.rows.length !== postings.counts.length) {
    faults.push("несогласованные массивы терминов и вхождений");
  } else if ((postings.ends.at(-1) ?? 0) !== postings.rows.length) {
    faults.push("последний термин кончается не там, где вхождения");
  }
  // A plain loop: the publish checks every entry of every staged book.
  const { rows } = postings;
  for (let at = 0; at < rows.length; at++) {
    const row = rows[at] as number;
    if (!(row >= 0 && row < chunkCount) || !Number.isInteger(row)) {
      faults.push(`вхождение ${at} указывает на фрагмент ${row} за пределами книги`);
      break;
    }
  }
  let previous = 0;
  for (const end of postings.ends) {
    if (!(end >= previous)) {
      faults.push("границы терминов идут не по возрастанию");
      break;
    }
    previous = end;
  }
  return faults;
}
