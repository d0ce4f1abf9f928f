// Answers as Telegram messages: valid HTML by Telegram's own rules (the stand-in's parser),
// each part under 4096 visible characters, sources cited by page or chapter, one short
// button per source on the last part.
import type { Answer } from "@ai-library/shared/answer";
import type { Passage } from "@ai-library/shared/retrieval";
import { parseTelegramHtml } from "@ai-library/standins/telegram";
import { describe, expect, it } from "vitest";
import { renderAnswer, renderPartial } from "../../src/format/render-answer.js";
import { textsFor } from "../../src/i18n/index.js";

const passage = (over: Partial<Passage>): Passage => ({
  bookId: "b".repeat(64),
  title: "Маяк",
  file: "mayak.pdf",
  position: 0,
  text: "Смотритель зажёг огонь.",
  score: 0.9,
  ...over,
});

const answer = (text: string, sources: Passage[]): Answer => ({
  text,
  sources,
  notFound: sources.length === 0,
  language: "ru",
});

function visible(html: string): string {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(parsed.description);
  return parsed.text;
}

describe("renderAnswer", () => {
  const sources = [
    passage({ page: 12 }),
    passage({ title: 'Книга <Script> & "Co"', file: "x.epub", chapter: "Глава 3. <Буря>" }),
    passage({ title: "", file: "notes.txt" }),
  ];

  it("cites page for PDF, chapter for EPUB/FB2, escapes titles, and adds a button per source", () => {
    const [message, ...rest] = renderAnswer(answer("Огонь зажёг смотритель [1][2].", sources), textsFor("ru"), [
      "src:a",
      "src:b",
      "src:c",
    ]);
    expect(rest).toHaveLength(0);
    expect(visible(message?.html ?? "")).toBe(
      'Огонь зажёг смотритель [1][2].\n\nИсточники:\n[1] Маяк, с. 12\n[2] Книга <Script> & "Co", глава «Глава 3. <Буря>»\n[3] notes.txt',
    );
    expect(message?.buttons?.flat().map((button) => button.callbackData)).toEqual(["src:a", "src:b", "src:c"]);
    expect(message?.buttons?.flat().map((button) => button.text)).toEqual(["Цитата [1]", "Цитата [2]", "Цитата [3]"]);
  });

  it("uses English labels for English users", () => {
    const [message] = renderAnswer(
      answer("The keeper lit it [1].", [passage({ page: 3, pageEnd: 4 })]),
      textsFor("en"),
      ["src:a"],
    );
    expect(visible(message?.html ?? "")).toContain("Sources:\n[1] Маяк, pp. 3–4");
  });

  it("splits a 20 000-character answer into valid parts under the limit, buttons on the last", () => {
    const text = Array.from({ length: 400 }, (_, n) => `Предложение номер ${n} о <маяке> & море.`).join(" ");
    const parts = renderAnswer(answer(text, sources), textsFor("ru"), ["src:a", "src:b", "src:c"]);
    expect(parts.length).toBeGreaterThanOrEqual(5);
    const shown = parts.map((part) => visible(part.html));
    for (const part of shown) expect(part.length).toBeLessThan(4096);
    expect(shown.join(" ").replace(/\s+/g, " ")).toContain(text.slice(0, 2000));
    expect(parts.slice(0, -1).every((part) => part.buttons === undefined)).toBe(true);
    expect(parts.at(-1)?.buttons?.flat()).toHaveLength(3);
  });

  it("shows a not-found answer without a sources list or buttons", () => {
    const [message] = renderAnswer(answer("В библиотеке нет ответа на этот вопрос.", []), textsFor("ru"), []);
    expect(message).toEqual({ html: "В библиотеке нет ответа на этот вопрос." });
  });
});

describe("renderPartial", () => {
  it("keeps a streamed draft valid and under the limit however long it grows", () => {
    const html = renderPartial(`<${"я".repeat(5000)}`);
    expect(visible(html).length).toBeLessThanOrEqual(4000);
    expect(visible(html).endsWith(" …")).toBe(true);
  });
});

describe("commands in answers", () => {
  const rIntro = passage({ title: "An Introduction to R", file: "R-intro.pdf", page: 9 });

  it("shows a fenced command as <pre>, verbatim, right under the sentence that introduces it", () => {
    const text =
      "From the books in the library:\n“To quit the R program the command is” [1]\n```\n> q()\n```\n“Then type:” [1]\n```\n$ gpg --gen-key <user-id>\n$ R --vanilla\n```";
    const [message] = renderAnswer({ ...answer(text, [rIntro]), language: "en" }, textsFor("en"), ["s1"]);
    expect(message?.html).toContain("the command is” [1]\n<pre>&gt; q()</pre>\n“Then type:”");
    expect(message?.html).toContain("<pre>$ gpg --gen-key &lt;user-id&gt;\n$ R --vanilla</pre>");
    // What the reader sees: the command character for character, options and placeholder intact.
    expect(visible(message?.html ?? "")).toContain("$ gpg --gen-key <user-id>\n$ R --vanilla");
  });

  it("shows `inline code` as <code> and never lets book text open a tag", () => {
    const [message] = renderAnswer(answer("Наберите `dpkg -i <файл>` [1]", [rIntro]), textsFor("ru"), ["s1"]);
    expect(message?.html).toContain("<code>dpkg -i &lt;файл&gt;</code>");
    expect(visible(message?.html ?? "")).toContain("dpkg -i <файл>");
  });

  it("splits a long code block into <pre> parts that each stay valid and under the limit", () => {
    const code = Array.from({ length: 400 }, (_, line) => `echo line-${line} --flag=value`).join("\n");
    const parts = renderAnswer(answer(`Код:\n\`\`\`\n${code}\n\`\`\``, [rIntro]), textsFor("ru"), ["s1"]);
    expect(parts.length).toBeGreaterThan(1);
    const shown = parts.map((part) => visible(part.html)).join("\n");
    for (const line of [0, 199, 399]) expect(shown).toContain(`echo line-${line} --flag=value`);
    for (const part of parts) expect(visible(part.html).length).toBeLessThanOrEqual(4096);
  });
});
