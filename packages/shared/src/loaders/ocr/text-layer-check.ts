// Does a PDF page's text layer hold the page's text? Not when it has next to no letters while the
// page shows an image (a scan), nor when its words are recognition garbage: a bad earlier OCR or a
// custom font encoding that decodes Russian into Latin look-alikes ("Cl>opMa no KHA" for
// «Форма по КНД»). Such pages are recognised again; every other page keeps its text layer.
import { countWordCharacters } from "../clean-text.js";

/** Letters and digits below which a page that shows an image is taken for a scan. */
const MIN_WORD_CHARS = 20;
/** Words of 3+ letters needed before the garbage test says anything. */
const MIN_WORDS_FOR_GARBAGE_TEST = 15;
/**
 * Share of odd words above which the layer is garbage. Real books in ../shared/corpus stay under
 * 0.05 on every page (maths lecture notes included); the broken Russian form is at 0.28–0.86.
 */
const MAX_ODD_WORD_SHARE = 0.15;

// A lowercase letter followed by a capital inside a word ("HoMep"), a digit between letters
// ("KoppeKn1pOBK"), or a bracket, tilde or bar between letters ("Cl>opMa").
const ODD_WORD = /\p{Ll}\p{Lu}|\p{L}\p{N}+\p{L}|\p{L}[<>~|\\{}^@]+\p{L}/u;

export type TextLayerVerdict = "good" | "missing" | "garbage";

export function isGarbageText(text: string): boolean {
  const words = text.split(/\s+/).filter((word) => (word.match(/\p{L}/gu)?.length ?? 0) >= 3);
  if (words.length < MIN_WORDS_FOR_GARBAGE_TEST) return false;
  const odd = words.filter((word) => ODD_WORD.test(word)).length;
  return odd / words.length > MAX_ODD_WORD_SHARE;
}

export function judgeTextLayer(text: string, showsImage: () => Promise<boolean>): Promise<TextLayerVerdict> {
  if (isGarbageText(text)) return Promise.resolve("garbage");
  if (countWordCharacters(text) >= MIN_WORD_CHARS) return Promise.resolve("good");
  // Only a page with (almost) no text pays for the look at its images.
  return showsImage().then((image) => (image ? "missing" : "good"));
}
