// «А через ssh?», "And NaN?", "And the graphical one?": a fragment that asks nothing of its own
// and only makes sense as a variation of the earlier question. Read offline, it becomes a
// question the answerer can take alone: a fragment that names a new subject ("And NaN?" after
// "What does NA stand for in R?") takes the earlier subject's place — the earlier question's
// shape ("stand for": a definition) stays; a fragment that narrows the earlier question (a
// preposition: «через ssh», "in a web browser"; a pronoun: "the graphical one") is added to it whole.
import { questionShape } from "@ai-library/shared/answer";
import { normaliseForSearch } from "@ai-library/shared/text";

export const LEADING_CONTINUATION = /^\s*(а|и|ну а|а если|а как|and|and what about|what about|how about)\s/iu;
/** A question word or verb of asking: the question after «а» / "and" is a question of its own. */
const QUESTION_WORD =
  /(?<![\p{L}\p{N}])(как|какой|какая|какое|какие|каким|какую|где|куда|когда|зачем|почему|сколько|что|кто|чем|можно|нужно|what|which|how|where|when|why|who|can|could|should|does|do|is|are)(?![\p{L}\p{N}])/iu;
const NARROWING_START =
  /^(in|on|to|into|with|without|via|through|for|from|by|at|under|over|через|в|во|на|с|со|без|по|для|из|от|под|при|у)\s/iu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}._+-]*/gu;

/** The fragment of an elliptical question («через ssh?», "NaN?"), or undefined. */
export function ellipticalFragment(question: string): string | undefined {
  if (!LEADING_CONTINUATION.test(question)) return undefined;
  const fragment = question.replace(LEADING_CONTINUATION, "").trim();
  return fragment !== "" && !QUESTION_WORD.test(fragment) ? fragment : undefined;
}

export interface EllipticalReading {
  /** The question the fragment stands for. */
  standalone: string;
  /** True when it narrows the earlier question, whose words all stay; false when it replaces its subject. */
  narrows: boolean;
}

/**
 * The earlier question with the fragment: added whole when it narrows the question (or
 * `pointsBack`, it names the earlier subject with a pronoun), else in place of the earlier
 * question's subject words (questionShape's: neither framing nor stop words).
 */
export function readElliptical(earlier: string, fragment: string, pointsBack: boolean): EllipticalReading {
  const body = earlier.replace(/[?？]\s*$/u, "");
  const own = fragment.replace(/[?？]\s*$/u, "");
  if (pointsBack || NARROWING_START.test(own)) return { standalone: `${body} ${own}?`, narrows: true };
  const subject = new Set(questionShape(earlier).subjectWords);
  const frame = (body.match(WORD) ?? []).filter((word) => !subject.has(normaliseForSearch(word).trim()));
  return { standalone: `${[...frame, own].join(" ")}?`, narrows: false };
}
