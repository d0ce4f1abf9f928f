// Reads a passage's plain text back into the blocks a reader sees: prose, command lines and
// code, list items, table rows and headings. Loaders hand us text only (PDFs have no markup at
// all), so the kinds come from the lines' shapes. The answerer needs them to quote what a
// sentence introduces ("…наберите:" then `$ gpg --gen-key`) and never to join a heading or a
// page number onto the sentence after it.

import { SUPERSCRIPT_DIGITS } from "../text/superscript-digits.js";

export type BlockKind = "prose" | "code" | "list" | "table" | "heading";

export interface PassageBlock {
  kind: BlockKind;
  /** Prose and list items: lines joined as written; code and tables: lines kept verbatim. */
  text: string;
}

// A shell, R or Python prompt before a command: "$ mkdir work", "# apt-get install", "> q()".
const PROMPTED = /^(?:\$|#|%|>|R>|>>>|\.\.\.)\s+\S/;
// A first word that reads as a program name: lower-case ASCII, maybe with . _ + - /.
const PROGRAM = /^[a-z][\w.+/-]*$/;
// What a command or code line carries and prose rarely does: an option, a call, an
// assignment, a brace, a pipe or redirect between spaces, a variable.
const CODE_MARKS = /(?:^|\s)--?[a-zA-Z][\w-]*|\w\(|<-|:=|==|\s=\s?|[{};]|\s[|>]\s|\$\w/;
const LETTERS_OUTSIDE_ASCII = /[^\t\n\r\x20-\x7E]/;
// Four plain words in a row read as a sentence, whatever else the line holds.
const PROSE_RUN = /(?:\b[A-Za-z]+\b,? ){3}\b[A-Za-z]+\b/;
// Programs whose bare invocation ("apt-get install devscripts") carries no other mark of code.
const COMMON_COMMANDS = new Set(
  "sudo su apt apt-get apt-cache aptitude dpkg dpkg-buildpackage debuild dch dput lintian git make cmake pip pip3 npm pnpm yarn node python python3 cd ls mkdir cp mv rm cat echo export chmod chown ssh scp rsync tar gzip gunzip curl wget gpg systemctl service journalctl grep find sed awk man less vi vim nano docker mount umount dd".split(
    " ",
  ),
);
const LIST_ITEM = /^(?:\d{1,2}[.)]|[a-zа-я][.)]|[-•*–·▪◦])\s+\S/u;
const TABLE_ROW = / \| /;
const SENTENCE_END = /[.!?…:;»"”)]$/;
const HEADING_MAX_CHARS = 80;
const INTRODUCED_COMMAND_CHARS = 80;
// A heading does not end with the word that hands over to a command: "…installation file, use",
// «…выполните». PDF text loses the colon such lines sometimes have. Lower case only, and only in
// a clause (a comma, or six words and more): "Media Type" and "Core Media Type" stay headings.
const ENDS_HANDING_OVER =
  /\s(?:use|run|type|enter|execute|invoke|is|are|with|via|используйте|выполните|наберите|введите|запустите|командой|команду)$/u;
const MIN_CLAUSE_WORDS = 6;
// A PDF page's footnote, which the text layer puts wherever the page ends: "¹With current
// kernels…". It would cut a list in two ("• …=noninteractive", footnote, "• …=text").
const FOOTNOTE_START = new RegExp(`^[${SUPERSCRIPT_DIGITS}]+\\s*\\S`, "u");
// A numbered section title on the first line of a paragraph: "6.1 How the Installer Works",
// or ".1 How…" when a chunk starts inside the number. One-level "1. Step" is a list item.
const NUMBERED_TITLE = /^(?:\.\d+|\d+\.\d+)(?:\.\d+)*\.?\s+\p{Lu}[^.!?:;]{2,70}$/u;

/** A line shaped like a program's invocation: a program-like first word, a few words, no sentence. */
function invocationShape(text: string): boolean {
  if (LETTERS_OUTSIDE_ASCII.test(text.replace(/[«»“”‘’—–…]/g, ""))) return false;
  const words = text.split(/\s+/);
  if (!PROGRAM.test(words[0] ?? "") || words.length > 12 || PROSE_RUN.test(text)) return false;
  return !/[.,]$/.test(text) || /\(\)\.?$/.test(text);
}

/** Whether one line of book text is a command or a line of code rather than prose. */
export function isCodeLine(line: string): boolean {
  const text = line.trim();
  if (text === "" || text.length > 200) return false;
  // "> Quoted mail text like this" is prose behind a marker; "> q()" and "$ make" are not.
  if (PROMPTED.test(text)) return CODE_MARKS.test(text) || !PROSE_RUN.test(text);
  if (!invocationShape(text)) return false;
  const words = text.split(/\s+/);
  return CODE_MARKS.test(text) || (COMMON_COMMANDS.has(words[0] ?? "") && words.length <= 6);
}

/**
 * A line a book sets apart after an open introduction ("To compute the checksum of a downloaded
 * installation file, use" / "sha256sum filename.iso"): a command even without the marks of one,
 * as long as it is shaped like one and short.
 */
function isIntroducedCommand(line: string): boolean {
  const text = line.trim();
  const words = text.split(/\s+/).length;
  return text.length <= INTRODUCED_COMMAND_CHARS && words >= 2 && words <= 6 && invocationShape(text);
}

/** Whether a sentence or line ends with a colon (an introduction: «…наберите:», "as follows:"). */
export function endsWithColon(text: string): boolean {
  return /[:：]\s*$/.test(text);
}

/** Whether the block leads into what comes next: prose ending with a colon or handing over. */
function isOpenIntroduction(block: PassageBlock | undefined): boolean {
  const text = block?.kind === "prose" ? block.text.trim() : "";
  return endsWithColon(text) || handsOver(text);
}

function lineKind(line: string): "code" | "list" | "table" | "prose" {
  // Cells as the loaders join them: "testing | 1 | -". One " | " may be a shell pipe instead.
  if (/^\s*\|/.test(line) || line.split(TABLE_ROW).length > 2) return "table";
  if (isCodeLine(line)) return "code";
  if (TABLE_ROW.test(line)) return "table";
  if (LIST_ITEM.test(line.trim())) return "list";
  return "prose";
}

/** Whether a line without an ending is the start of a sentence that hands over to what follows. */
function handsOver(text: string): boolean {
  return ENDS_HANDING_OVER.test(text) && (text.includes(",") || text.split(/\s+/).length >= MIN_CLAUSE_WORDS);
}

/** A paragraph of one or two short lines without an ending: a heading or a running title. */
function isHeading(lines: string[]): boolean {
  if (lines.length > 2) return false;
  const text = lines.join(" ").trim();
  return text.length <= HEADING_MAX_CHARS && !SENTENCE_END.test(text) && !LIST_ITEM.test(text) && !handsOver(text);
}

function pushBlock(blocks: PassageBlock[], kind: BlockKind, lines: string[]): void {
  if (lines.length === 0) return;
  const verbatim = kind === "code" || kind === "table";
  const text = verbatim ? lines.join("\n") : lines.map((line) => line.trim()).join("\n");
  if (text.trim()) blocks.push({ kind, text: verbatim ? text.replace(/^\n+|\s+$/g, "") : text.trim() });
}

/** The paragraph's lines without a footnote (its first line and the prose lines after it). */
function withoutFootnotes(lines: string[]): string[] {
  const kept: string[] = [];
  let inFootnote = false;
  for (const line of lines) {
    if (FOOTNOTE_START.test(line.trim())) inFootnote = true;
    else if (inFootnote && lineKind(line) !== "prose") inFootnote = false;
    if (!inFootnote) kept.push(line);
  }
  return kept;
}

/** Blocks of one paragraph (text between blank lines). */
function paragraphBlocks(paragraph: string, blocks: PassageBlock[]): void {
  let lines = withoutFootnotes(paragraph.split("\n").filter((line) => line.trim() !== ""));
  if (lines.length > 1 && NUMBERED_TITLE.test(lines[0]?.trim() ?? "")) {
    pushBlock(blocks, "heading", lines.slice(0, 1));
    lines = lines.slice(1);
  }
  if (lines.length === 1 && isOpenIntroduction(blocks.at(-1)) && isIntroducedCommand(lines[0] ?? "")) {
    pushBlock(blocks, "code", lines);
    return;
  }
  const kinds = lines.map(lineKind);
  if (kinds.every((kind) => kind === "prose") && isHeading(lines)) {
    pushBlock(blocks, "heading", lines);
    return;
  }
  let current: string[] = [];
  let currentKind: BlockKind = "prose";
  lines.forEach((line, index) => {
    let kind: BlockKind = kinds[index] ?? "prose";
    // A wrapped line of a list item continues the item; a wrapped prose line continues prose.
    if (kind === "prose" && currentKind === "list") kind = "list";
    const startsItem = kind === "list" && LIST_ITEM.test(line.trim());
    if (kind !== currentKind || startsItem) {
      pushBlock(blocks, currentKind, current);
      current = [];
      currentKind = kind;
    }
    current.push(line);
  });
  pushBlock(blocks, currentKind, current);
}

export function passageBlocks(text: string): PassageBlock[] {
  const blocks: PassageBlock[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/)) paragraphBlocks(paragraph, blocks);
  return blocks;
}
