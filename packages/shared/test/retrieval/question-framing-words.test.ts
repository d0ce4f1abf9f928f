// A question's framing words («что означает сокращение …», «как расшифровывается аббревиатура»)
// say what kind of answer is wanted, not what it is about. Beside a real Russian language
// course, which says «сокращение» and «означает» on every page, the one page that names the
// question's topic (FTBFS) must come first and be quoted: the local embedder finds it barely
// similar to such a question, and the answerer's similarity floor used to drop it («нет
// ответа»). Real books (TaeKim_RU.epub from the shared corpus and a Markdown page), the real
// inline ingest, FAISS and SQLite.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerFromPassages } from "../../src/answer/index.js";
import type { LiveLibrary } from "../../src/retrieval/index.js";
import { ingestedLibrary } from "./ingested-library.js";

const CORPUS = resolve(import.meta.dirname, "../../../../../shared/corpus");
const root = mkdtempSync(join(tmpdir(), "framing-words-"));
const books = join(root, "books");
let library: LiveLibrary;

// Debian Developer's Reference (ru), «Ответ на ошибки», and a neighbouring page, verbatim.
const DEVREF = `# Ответ на ошибки

Если вы получили сообщение об ошибке, в котором упоминается FTBFS, то это означает Fails to build
from source (не удалось собрать из исходного кода). Те, кто занимаются переносами, часто используют
данный акроним.

Как только вы закончили работать с сообщением об ошибке (напр., исправили ошибку) отметьте его как
завершённое (закройте его), отправив сообщение с объяснением по адресу 123-done@bugs.debian.org.

# Загрузка пакета

Загрузка пакета в архив Debian выполняется командой dput. Перед загрузкой проверьте пакет lintian.
`;

beforeAll(async () => {
  mkdirSync(books);
  copyFileSync(join(CORPUS, "epub/TaeKim_RU.epub"), join(books, "TaeKim_RU.epub"));
  writeFileSync(join(books, "devref-ru.md"), DEVREF);
  library = await ingestedLibrary(books, join(root, "index"));
}, 120_000);

afterAll(() => {
  library?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("a question's framing words", () => {
  it.each(["Что означает сокращение FTBFS?", "Как расшифровывается аббревиатура FTBFS?"])(
    "do not bury the topic word: %s",
    async (question) => {
      const { passages } = await library.search(question, 5);
      expect(passages[0]?.file).toBe("devref-ru.md");
      const answer = answerFromPassages(question, passages, "ru");
      expect(answer.notFound).toBe(false);
      expect(answer.text).toContain("Fails to build from source");
    },
  );
});
