// Turns an answer into Telegram messages: the answer text (commands as <pre>), then the
// numbered sources (book and page or chapter), with one inline button per source to show its quoted passage.
import type { Answer } from "@ai-library/shared/answer";
import type { Texts } from "../i18n/index.js";
import { answerTextBlocks } from "./answer-text-blocks.js";
import { bookTitle, locationOf } from "./describe-source.js";
import { escapeHtml } from "./html.js";
import { MESSAGE_BUDGET } from "./limits.js";
import { type HtmlBlock, packBlocks } from "./split-message.js";
import { sliceWhole } from "./split-text.js";

export interface InlineButton {
  text: string;
  callbackData: string;
}

export interface OutgoingMessage {
  html: string;
  buttons?: InlineButton[][];
}

const BUTTONS_PER_ROW = 3;

/** A message of plain text (our own texts, which must not be read as HTML either). */
export const plainMessage = (text: string): OutgoingMessage => ({ html: escapeHtml(text) });

function sourceBlocks(answer: Answer, texts: Texts): HtmlBlock[] {
  if (answer.sources.length === 0) return [];
  const lines = answer.sources.map((source, index) => {
    const where = locationOf(source, texts);
    const html = `[${index + 1}] <i>${escapeHtml(bookTitle(source))}</i>${where ? `, ${escapeHtml(where)}` : ""}`;
    return { html, gap: "\n" as const };
  });
  return [{ html: `<b>${escapeHtml(texts.sourcesHeader)}</b>`, gap: "\n\n" }, ...lines];
}

/** What goes around an answer beside its sources: a note above it and the buttons below the quote buttons. */
export interface AnswerExtras {
  /** A line in italics above the answer («в контексте: pbuilder», «Ещё по вопросу …»). */
  note?: string;
  /** Callback data of «Ещё» (more passages for the same question), when more may exist. */
  moreCallback?: string;
  /** Callback data of «Подробнее [1]» (the section around the first source). */
  expandCallback?: string;
  /** Callback data of «Новая тема» (forget the conversation), under a follow-up's answer. */
  newTopicCallback?: string;
  limit?: number;
}

/**
 * `sourceIds[i]` is the callback id issued for source i; the keyboard goes on the last part,
 * which is where the list of sources ends.
 */
export function renderAnswer(
  answer: Answer,
  texts: Texts,
  sourceIds: string[],
  extras: AnswerExtras = {},
): OutgoingMessage[] {
  const limit = extras.limit ?? MESSAGE_BUDGET;
  const note: HtmlBlock[] = extras.note
    ? [{ html: `<i>${escapeHtml(sliceWhole(extras.note, 200))}</i>`, gap: "\n\n" }]
    : [];
  const parts = packBlocks([...note, ...answerTextBlocks(answer.text, limit), ...sourceBlocks(answer, texts)], limit);
  const buttons: InlineButton[] = sourceIds.map((id, index) => ({
    text: texts.sourceButton(index + 1),
    callbackData: id,
  }));
  const rows: InlineButton[][] = [];
  for (let start = 0; start < buttons.length; start += BUTTONS_PER_ROW)
    rows.push(buttons.slice(start, start + BUTTONS_PER_ROW));
  const more: InlineButton[] = [
    ...(extras.expandCallback ? [{ text: texts.expandButton(1), callbackData: extras.expandCallback }] : []),
    ...(extras.moreCallback ? [{ text: texts.moreButton, callbackData: extras.moreCallback }] : []),
  ];
  if (more.length > 0) rows.push(more);
  if (extras.newTopicCallback)
    rows.push([{ text: texts.newConversationButton, callbackData: extras.newTopicCallback }]);
  return parts.map((html, index) =>
    index === parts.length - 1 && rows.length > 0 ? { html, buttons: rows } : { html },
  );
}

/** What a streamed answer looks like while the LLM is still writing: plain text, cut to fit. */
export function renderPartial(textSoFar: string, limit = MESSAGE_BUDGET): string {
  const text = textSoFar.trim();
  return `${escapeHtml(sliceWhole(text, limit - 2))} …`;
}
