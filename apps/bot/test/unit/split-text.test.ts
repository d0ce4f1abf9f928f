// Splitting long text for Telegram: every piece fits, nothing is lost, and cuts fall on
// paragraph, sentence or word boundaries before they ever fall inside a word.
import { describe, expect, it } from "vitest";
import { packBlocks, plainTextBlocks } from "../../src/format/split-message.js";
import { splitPlainText } from "../../src/format/split-text.js";

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe("splitPlainText", () => {
  const sentence = (n: number) => `Смотритель маяка ${n} раз поднялся по лестнице и зажёг огонь.`;
  const long = Array.from({ length: 200 }, (_, n) => sentence(n)).join(" ");

  it("keeps every word, in order, with each piece under the limit", () => {
    const pieces = splitPlainText(long, 500);
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.every((piece) => piece.length <= 500)).toBe(true);
    expect(words(pieces.join(" "))).toEqual(words(long));
  });

  it("cuts after a sentence, not in the middle of one", () => {
    for (const piece of splitPlainText(long, 500)) expect(piece).toMatch(/^Смотритель.*огонь\.$/);
  });

  it("prefers paragraph breaks when a paragraph fits", () => {
    const text = `${"а".repeat(300)}\n\n${"б".repeat(300)}`;
    expect(splitPlainText(text, 400)).toEqual(["а".repeat(300), "б".repeat(300)]);
  });

  it("cuts a word longer than the limit without splitting an emoji's surrogate pair", () => {
    const word = "x".repeat(9) + "😀".repeat(20);
    const pieces = splitPlainText(word, 10);
    expect(pieces.join("")).toBe(word);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(10);
      expect(piece).not.toMatch(/[\uD800-\uDBFF]$|^[\uDC00-\uDFFF]/);
    }
  });
});

describe("packBlocks", () => {
  it("joins small blocks and starts a new message only between blocks", () => {
    const blocks = plainTextBlocks(
      Array.from({ length: 30 }, (_, n) => `Абзац ${n}: ${"текст ".repeat(40)}`).join("\n\n"),
    );
    const messages = packBlocks(blocks, 1000);
    expect(messages.length).toBeGreaterThan(5);
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(1000);
      expect(message.startsWith("Абзац")).toBe(true);
    }
  });

  it("escapes text so that markup in a book never becomes a tag", () => {
    const [message] = packBlocks(plainTextBlocks('Use <b> & "quotes"'));
    expect(message).toBe("Use &lt;b&gt; &amp; &quot;quotes&quot;");
  });
});
