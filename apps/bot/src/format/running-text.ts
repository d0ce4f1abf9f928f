// Book text as a reader sees it in a chat: PDF text is wrapped at the page's line ends and
// hyphenated there, which reads badly in a narrow chat bubble, so single line breaks become
// spaces and hyphenated words are joined; paragraph breaks stay.
import { joinHyphenation } from "@ai-library/shared/text";

export function runningText(text: string): string {
  return joinHyphenation(text)
    .replace(/([^\n])[ \t]*\n[ \t]*(?=[^\n])/g, "$1 ")
    .trim();
}
