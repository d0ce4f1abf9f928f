// What kind of answer a question asks for. "Какой командой…", "How do I…" want a command or a
// procedure; "Что означает FTBFS?", "What does NA stand for?" want a definition. The words
// that say so ("командой", "означает", "stand") name the kind of answer, not its topic: a
// book's answer rarely repeats them ("наберите:", "FTBFS — Fails To Build From Source"), so
// they weigh less when sentences are scored.
import { normaliseForSearch } from "../text/normalise-for-search.js";
import { QUESTION_FRAME_WORDS } from "../text/question-frame-words.js";
import { searchTerms } from "../text/search-terms.js";
import { tokenize } from "../text/tokenize.js";

export type QuestionKind = "how" | "definition" | "other";

export interface QuestionShape {
  kind: QuestionKind;
  /** Stemmed terms that only frame the question; they count at FRAME_TERM_WEIGHT. */
  frameTerms: ReadonlySet<string>;
  /** The question's own words (normalised) that are not frame or stop words: its topic. */
  subjectWords: string[];
  /** "Для чего нужен X?", "What is X for?": the answer says what X is used for. */
  asksPurpose: boolean;
  /** «На сколько дней можно…?», "How many…?": the answer is a number, often a range or a limit. */
  asksAmount: boolean;
  /** «Какой командой…?», "Which command…?": the answer names a command. */
  asksCommand: boolean;
}

const FRAME_TERMS: ReadonlySet<string> = new Set(searchTerms(QUESTION_FRAME_WORDS));

// JavaScript's \b only knows ASCII letters: for Cyrillic, word edges are written out.
const START = "(?<![\\p{L}\\p{N}])";
const END = "(?![\\p{L}\\p{N}])";
const words = (source: string) => new RegExp(source.replaceAll("<", START).replaceAll(">", END), "u");

const HOW = [
  words("^(?:как|каким образом|какой командой|какая команда|какую команду|чем|с помощью чего)>"),
  words("<команд[аоуые]\\p{L}*>"),
  /^how (?:do|does|can|could|should|to|would)\b/,
  /\b(?:which|what) command\b/,
];
const DEFINITION = [
  words("<что (?:такое|означает|означают|значит|обозначает|это)>"),
  words("<расшифровыва|<для чего нуж|<зачем нуж|<что делает>"),
  /^(?:what|who) (?:is|are|was|were)\b/,
  words("^кто (?:такой|такая|такие|такое)>"),
  /\bstand for\b|\bstands for\b|\bwhat does .* mean\b|\bdefin(?:e|ition)\b|\bmeaning of\b/,
];

const PURPOSE_QUESTION = [
  words("<для чего>|<зачем>|<назначение>|<предназначен"),
  /\bwhat (?:is|are) .+ (?:for|used for)\b|\bwhat .* used for\b|\bpurpose of\b/,
];
// How a book says what something is for: "для проверки … полезен пакет pbuilder", "X is used to".
const PURPOSE_ANSWER = words(
  "<(?:полез\\p{L}*|служ(?:ит|ат)|предназнач\\p{L}*|позволя\\p{L}*|нужен для|нужна для|нужно для|useful|used (?:to|for)|allows?|lets you|is (?:meant|designed) (?:to|for))>",
);

const COMMAND_QUESTION = [words("<(?:как\\p{L}*|котор\\p{L}*) команд\\p{L}*>"), /\b(?:which|what) command\b/];
// A command written inside a sentence: a lower-case program name and an option after it
// ("dpkg-buildpackage -B", "debuild -- clean", "dput -U"), which prose rarely holds.
const INLINE_COMMAND = /(?:^|[\s(«"“`'])[a-z][a-z0-9._+]*(?:-[a-z0-9._+]+)*\s+(?:--?[A-Za-z]|--\s+[a-z])/u;

/** Whether a sentence names a command with its options inside its text. */
export function namesInlineCommand(sentence: string): boolean {
  return INLINE_COMMAND.test(sentence);
}

const AMOUNT_QUESTION = [words("<сколько>|<скольких>"), /\bhow (?:many|much|long|far|often)\b/];
// A range or a limit: «от 0 до 15», "between 2 and 8", "up to 15", «не более 15», "3–5".
const AMOUNT_ANSWER =
  /(?:^|[^\p{L}])(?:от \d+(?:[.,]\d+)? до \d|between \d+(?:[.,]\d+)? and \d|up to \d|at most \d|no more than \d|не более \d|не больше \d|до \d+(?:[.,]\d+)? (?:дн|час|мин|сек|раз|байт|кб|мб|гб))|\d\s?[–-]\s?\d/u;

/** Whether a sentence gives a range or a limit of numbers. */
export function statesAmount(sentence: string): boolean {
  return AMOUNT_ANSWER.test(normaliseForSearch(sentence));
}

export function questionShape(question: string): QuestionShape {
  const text = normaliseForSearch(question).trim();
  const kind: QuestionKind = DEFINITION.some((pattern) => pattern.test(text))
    ? "definition"
    : HOW.some((pattern) => pattern.test(text))
      ? "how"
      : "other";
  const subjectWords = tokenize(text).filter((word) => {
    const terms = searchTerms(word);
    return terms.length > 0 && !terms.every((term) => FRAME_TERMS.has(term));
  });
  const asksPurpose = PURPOSE_QUESTION.some((pattern) => pattern.test(text));
  const asksAmount = AMOUNT_QUESTION.some((pattern) => pattern.test(text));
  const asksCommand = COMMAND_QUESTION.some((pattern) => pattern.test(text));
  return { kind, frameTerms: FRAME_TERMS, subjectWords, asksPurpose, asksAmount, asksCommand };
}

/** Whether a sentence that names the subject says what it is for ("…полезен пакет pbuilder"). */
export function statesPurpose(sentence: string, subjectWords: readonly string[]): boolean {
  const text = normaliseForSearch(sentence);
  return PURPOSE_ANSWER.test(text) && subjectWords.some((word) => word.length >= 2 && text.includes(word));
}

/**
 * The shape with a book's title words as framing words when the question names that book
 * (shares at least two of its title's terms): "according to the Devil's Dictionary" says
 * where to look, not what to look for, and every sentence of that book shares it.
 */
export function withBookTitlesAsFrame(
  shape: QuestionShape,
  questionTerms: readonly string[],
  titles: Iterable<string>,
): QuestionShape {
  const asked = new Set(questionTerms);
  const frameTerms = new Set(shape.frameTerms);
  for (const title of titles) {
    const named = new Set(searchTerms(title).filter((term) => asked.has(term)));
    if (named.size >= 2) for (const term of named) frameTerms.add(term);
  }
  return { ...shape, frameTerms };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Whether a sentence defines one of the question's subject words: "FTBFS — Fails to build",
 * "NA (for “not available”)", "Fails To Build From Source (FTBFS)", "pbuilder constructs…",
 * "X means / stands for / is a / — это / означает".
 */
export function definesSubject(sentence: string, subjectWords: readonly string[]): boolean {
  const text = normaliseForSearch(sentence);
  return subjectWords.some((word) => {
    if (word.length < 2) return false;
    const w = escapeRegExp(word);
    const after = new RegExp(
      `(?:^|[^\\p{L}\\p{N}])${w}(?:[^\\p{L}\\p{N}]{0,3})(?:[—–-]|\\(|:|means\\b|stands? for\\b|is (?:a|an|the)\\b|are\\b|это\\b|означает\\b|обозначает\\b|называ)`,
      "u",
    );
    const before = new RegExp(`\\(${w}\\)`, "u");
    // "pbuilder constructs…", and a dictionary entry: "CYNIC, n. A blackguard whose…".
    const opens = new RegExp(`^\\W{0,3}${w},?\\s+\\p{L}`, "u");
    return after.test(text) || before.test(text) || opens.test(text);
  });
}
