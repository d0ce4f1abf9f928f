// Writes one keywords.bin from sources in label order: runs spilled to disk, then the run in
// memory. Rows are numbered densely across them; terms
// are merged in order, each term's postings taken from every source that has it, so memory
// holds the rows and the dictionary, never all postings (they stream through fixed blocks).
import { closeSync, openSync, writeSync } from "node:fs";
import { align8, encodeHeader, HEADER_BYTES, type PostingsHeader } from "./postings-file.js";
import type { CopyTally, PostingsSource } from "./postings-sources.js";

export interface MergeInput {
  source: PostingsSource;
}

/** Growable u32 list (rows and dictionary entries of the file being written). */
class Uint32List {
  data = new Uint32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Postings are written in blocks of this many u32 words (128 KiB): a block faults in page by page
 * when first filled (~12 µs a page on a VM), and 1 MiB blocks cost a 10k build ~10 ms more.
 */
const WRITE_BUFFER_WORDS = 32 * 1024;

export function writeMergedPostings(path: string, inputs: readonly MergeInput[]): { bytes: number } {
  const labels = new Uint32List();
  const lengths = new Uint32List();
  let totalTokens = 0;
  // Each source's rows follow the previous source's: its row r becomes offset + r.
  const offsets = inputs.map(({ source }) => {
    const offset = labels.length;
    for (let row = 0; row < source.labels.length; row++) {
      const label = source.labels[row] as number;
      if (labels.length > 0 && label <= (labels.data[labels.length - 1] as number)) {
        throw new Error(`keyword rows out of label order: ${label} after ${labels.data[labels.length - 1]}`);
      }
      labels.push(label);
      const tokens = source.lengths[row] as number;
      lengths.push(tokens);
      totalTokens += tokens;
    }
    return offset;
  });

  const fd = openSync(path, "w");
  try {
    let position = HEADER_BYTES;
    let buffer = new Uint32Array(WRITE_BUFFER_WORDS);
    let buffered = 0;
    const flush = () => {
      if (buffered === 0) return;
      const bytes = new Uint8Array(buffer.buffer, 0, buffered * 4);
      writeSync(fd, bytes, 0, bytes.length, position);
      position += bytes.length;
      buffered = 0;
    };
    /** Room for `words` more words: flushed first, grown for a term with more postings than the buffer holds. */
    const makeRoom = (words: number) => {
      if (buffered + words <= buffer.length) return;
      flush();
      if (words > buffer.length) buffer = new Uint32Array(words);
    };
    const tally: CopyTally = { postings: 0, inText: 0 };
    const termEnds = new Uint32List();
    const postingEnds = new Uint32List();
    const textChunks = new Uint32List();
    // Terms go into one growing buffer (UTF-8 takes at most 3 bytes per UTF-16 unit).
    let blob = Buffer.allocUnsafe(1 << 20);
    let blobBytes = 0;
    let postingCount = 0;
    const sources = inputs.map((input) => input.source);
    const cursors = inputs.map(() => 0);
    // Each source's term at its cursor, undefined once it has none left.
    const heads = sources.map((source) => (source.termCount > 0 ? source.term(0) : undefined));
    for (;;) {
      let next: string | undefined;
      for (const head of heads) if (head !== undefined && (next === undefined || head < next)) next = head;
      if (next === undefined) break;
      const holding: number[] = [];
      let most = 0;
      for (let at = 0; at < sources.length; at++) {
        if (heads[at] !== next) continue;
        holding.push(at);
        most += (sources[at] as PostingsSource).postingCount(cursors[at] as number);
      }
      makeRoom(most * 2);
      tally.postings = 0;
      tally.inText = 0;
      for (const at of holding) {
        const source = sources[at] as PostingsSource;
        const cursor = cursors[at] as number;
        source.copyPostings(cursor, buffer, buffered + tally.postings * 2, offsets[at] as number, tally);
        cursors[at] = cursor + 1;
        heads[at] = cursor + 1 < source.termCount ? source.term(cursor + 1) : undefined;
      }
      buffered += tally.postings * 2;
      // A term only left-out rows held is left out too.
      if (tally.postings === 0) continue;
      postingCount += tally.postings;
      if (blobBytes + next.length * 3 > blob.length) {
        const grown = Buffer.allocUnsafe(Math.max(blob.length * 2, blobBytes + next.length * 3));
        blob.copy(grown, 0, 0, blobBytes);
        blob = grown;
      }
      blobBytes += blob.write(next, blobBytes, "utf8");
      termEnds.push(blobBytes);
      postingEnds.push(postingCount);
      textChunks.push(tally.inText);
    }
    flush();
    if (postingCount > 0xffffffff || blobBytes > 0xffffffff) {
      throw new Error(`${path}: the keyword index outgrew its 32-bit offsets`);
    }
    const rowsOffset = align8(position);
    writeSync(fd, new Uint8Array(labels.view().buffer, 0, labels.length * 4), 0, labels.length * 4, rowsOffset);
    writeSync(
      fd,
      new Uint8Array(lengths.view().buffer, 0, lengths.length * 4),
      0,
      lengths.length * 4,
      rowsOffset + labels.length * 4,
    );
    const dictionaryOffset = align8(rowsOffset + labels.length * 8);
    let at = dictionaryOffset;
    for (const list of [termEnds, postingEnds, textChunks]) {
      writeSync(fd, new Uint8Array(list.view().buffer, 0, list.length * 4), 0, list.length * 4, at);
      at += list.length * 4;
    }
    writeSync(fd, blob, 0, blobBytes, at);
    const header: PostingsHeader = {
      rowCount: labels.length,
      termCount: termEnds.length,
      termBytes: blobBytes,
      totalTokens,
      postingCount,
      rowsOffset,
      dictionaryOffset,
    };
    writeSync(fd, encodeHeader(header), 0, HEADER_BYTES, 0);
    return { bytes: at + blobBytes };
  } finally {
    closeSync(fd);
  }
}
