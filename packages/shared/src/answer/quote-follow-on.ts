// What a quoted sentence introduces. "Чтобы сгенерировать новый ключ GPG, наберите:" is no
// answer without the next line, `$ gpg --gen-key`; "To quit the R program the command is"
// needs `> q()`. When a sentence ends with a colon, or ends its block and a command, code,
// list or table follows, the quote takes those blocks too, verbatim and bounded.
import { endsWithColon, type PassageBlock } from "./passage-blocks.js";
import type { SentenceCandidate } from "./sentence-candidates.js";

/** Characters a sentence may bring along (about one screen of a phone). */
const FOLLOW_ON_CHARS = 600;

const INTRODUCED: ReadonlySet<PassageBlock["kind"]> = new Set(["code", "list", "table"]);

/** Whether the sentence announces what comes after it. */
function introducesNext(sentence: SentenceCandidate, blocks: readonly PassageBlock[]): boolean {
  if (sentence.isCode || !sentence.lastInBlock) return false;
  const next = blocks[sentence.blockIndex + 1];
  if (!next) return false;
  if (endsWithColon(sentence.text)) return next.kind !== "heading";
  // "…the command is" / "…with the command" followed by a command line: an introduction
  // without its colon. A sentence that ends with a full stop stands on its own.
  return INTRODUCED.has(next.kind) && !/[.!?…]["»”)]?\s*$/.test(sentence.text);
}

function cutToBudget(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const lines = text.split("\n");
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget) break;
    kept.push(line);
    used += line.length + 1;
  }
  // A single line longer than the budget is cut at a space, never inside a word.
  if (kept.length === 0)
    return `${text.slice(0, text.lastIndexOf(" ", budget) > 0 ? text.lastIndexOf(" ", budget) : budget)}…`;
  return `${kept.join("\n")}\n…`;
}

/** An introduction this short after the quoted sentence is read with it ("You do that with the -k option:"). */
const SHORT_INTRODUCTION_CHARS = 120;

/**
 * The sentence that leads into what follows: the sentence itself, or the short one right
 * after it ("Instead, instruct dpkg-buildpackage to use your key. You do that with the -k
 * option:"). Undefined when neither introduces anything.
 */
export function introducingSentence(
  sentence: SentenceCandidate,
  blocks: readonly PassageBlock[],
): SentenceCandidate | undefined {
  if (introducesNext(sentence, blocks)) return sentence;
  const next = sentence.next;
  if (next && !sentence.isCode && next.text.length <= SHORT_INTRODUCTION_CHARS && introducesNext(next, blocks))
    return next;
  return undefined;
}

/** A one-line paragraph ending with a colon right before code: "Затем выполните следующую команду…:". */
function leadsIntoCode(blocks: readonly PassageBlock[], index: number): boolean {
  const block = blocks[index];
  return (
    block?.kind === "prose" &&
    block.text.length <= SHORT_INTRODUCTION_CHARS &&
    endsWithColon(block.text) &&
    blocks[index + 1]?.kind === "code"
  );
}

/**
 * The blocks a sentence introduces: the code, list items or table rows after it (a list or
 * table until it ends), or after a colon the one paragraph that follows. Empty when the
 * sentence introduces nothing.
 */
export function followOnBlocks(
  sentence: SentenceCandidate,
  blocks: readonly PassageBlock[],
  budget = FOLLOW_ON_CHARS,
): PassageBlock[] {
  if (!introducesNext(sentence, blocks)) return [];
  const out: PassageBlock[] = [];
  let used = 0;
  for (let index = sentence.blockIndex + 1; index < blocks.length; index += 1) {
    const block = blocks[index];
    if (!block || block.kind === "heading") break;
    const first = out.length === 0;
    const previous = out.at(-1);
    const leadsToCommand = !first && previous?.kind !== "prose" && leadsIntoCode(blocks, index);
    // After the first block, only more of the same list/table, or code that a list item
    // leads into ("1. Create a directory" then `$ mkdir work`), belongs to the introduction;
    // so does a short "Then run:" with its command after a list of prerequisites.
    const ledInto = previous?.kind === "prose" && block.kind === "code";
    const continues = INTRODUCED.has(block.kind) && previous !== undefined && INTRODUCED.has(previous.kind);
    if (!first && !leadsToCommand && !ledInto && !continues) break;
    if (!first && block.kind === "prose" && !leadsToCommand) break;
    const room = budget - used;
    if (room < 20) break;
    const text = cutToBudget(block.text, room);
    out.push({ kind: block.kind, text });
    used += text.length + 1;
    if (text !== block.text) break;
    // A paragraph after a colon is the whole follow-on; code, lists and tables may continue.
    if (block.kind === "prose" && !leadsToCommand) break;
  }
  return out;
}
