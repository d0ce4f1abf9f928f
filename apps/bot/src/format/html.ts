// Telegram's HTML parse mode accepts only a few tags and the entities &lt; &gt; &amp; &quot;.
// Everything that comes from a book or a user goes through escapeHtml; htmlToPlainText undoes
// our own markup for the plain-text fallback and the console.

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export function htmlToPlainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|amp|quot);/g, (_match, name: string) => ENTITIES[name] ?? "")
    .replace(/&#(\d{1,7});/g, (_match, code: string) => String.fromCodePoint(Number(code)));
}

/** What Telegram's 4096 limit counts: characters (UTF-16 units) of the text as shown. */
export function visibleLength(html: string): number {
  return htmlToPlainText(html).length;
}
