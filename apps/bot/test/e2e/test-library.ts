// A real library for end-to-end tests: a PDF (cited by page) and an EPUB (cited by chapter)
// written by the book-fixtures writers, ingested by the real pipeline into a temp INDEX_DIR.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeEpubBook, writePdfBook } from "@ai-library/book-fixtures";
import { type AppConfig, parseConfig } from "@ai-library/shared/config";
import { createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { openIndexStore } from "@ai-library/shared/index";
import { createLogger } from "@ai-library/shared/logging";
import { type IngestReport, ingestSettingsFromConfig, runIngest } from "@ai-library/shared/pipeline";

export const LIGHTHOUSE_TITLE = "Маяк на краю света";
export const GARDEN_TITLE = "Сад камней";
export const BEES_TITLE = "Пчеловодство для начинающих";

export interface TestLibrary {
  root: string;
  booksDir: string;
  indexDir: string;
  logDir: string;
  config: AppConfig;
  ingest(): Promise<IngestReport>;
  /** Adds the bees book (for a second generation). */
  addBeesBook(): Promise<void>;
  cleanup(): void;
}

export async function writeLighthouseBook(path: string): Promise<void> {
  await writePdfBook({
    path,
    title: LIGHTHOUSE_TITLE,
    author: "Иван Смотров",
    pages: [
      "Старый смотритель Игнат прожил на маяке сорок лет. Каждый вечер смотритель Игнат поднимался по винтовой лестнице и зажигал огонь маяка, чтобы корабли видели скалы мыса Гром.",
      "Зимой шторма ломали лёд у берега. Смотритель записывал в вахтенный журнал каждое судно, прошедшее мимо мыса Гром, и время, когда зажигал огонь.",
      "Когда Игнат состарился, огонь маяка стал зажигать его внук Пётр. Пётр чистил линзы маяка мягкой тканью и смазывал часовой механизм вращения.",
    ],
  });
}

export async function writeGardenBook(path: string): Promise<void> {
  await writeEpubBook({
    path,
    title: GARDEN_TITLE,
    author: "Кэндзи Мори",
    language: "ru",
    chapters: [
      {
        title: "Пятнадцать камней",
        text: "В саду камней монастыря Рёан-дзи лежат пятнадцать камней. С любой точки веранды видно только четырнадцать камней, пятнадцатый камень всегда скрыт.",
      },
      {
        title: "Белый гравий",
        text: "Монахи каждое утро расчёсывают белый гравий граблями. Волны гравия вокруг камней изображают море вокруг островов.",
      },
    ],
  });
}

export async function writeBeesBook(path: string): Promise<void> {
  await writeEpubBook({
    path,
    title: BEES_TITLE,
    author: "Пасечник Матвей",
    language: "ru",
    chapters: [
      {
        title: "Медогонка",
        text: "Медогонка — это центрифуга, которая извлекает мёд из сотовых рамок. Пасечник вращает медогонку, и мёд стекает по стенкам бака.",
      },
      {
        title: "Улей",
        text: "Улей ставят на солнечной поляне летком на юг. В сильной пчелиной семье летом живут шестьдесят тысяч пчёл.",
      },
    ],
  });
}

export async function createTestLibrary(): Promise<TestLibrary> {
  const root = mkdtempSync(join(tmpdir(), "ai-library-bot-e2e-"));
  const booksDir = join(root, "books");
  const indexDir = join(root, "index");
  const logDir = join(root, "logs");
  await writeLighthouseBook(join(booksDir, "mayak.pdf"));
  await writeGardenBook(join(booksDir, "sad-kamney.epub"));
  const config = parseConfig({
    BOOKS_DIR: booksDir,
    INDEX_DIR: indexDir,
    LOG_DIR: logDir,
    INGEST_CONCURRENCY: "2",
    // Small chunks, so a PDF passage cites the page it is on rather than a page range.
    CHUNK_SIZE: "200",
    CHUNK_OVERLAP: "20",
  });
  const logger = createLogger({ service: "e2e-ingest", level: "warn", dir: logDir, console: false });
  return {
    root,
    booksDir,
    indexDir,
    logDir,
    config,
    ingest: () =>
      runIngest(
        {
          settings: ingestSettingsFromConfig(config),
          logger,
          embedder: createEmbedderFromConfig(config, { logger }),
          store: openIndexStore(indexDir),
        },
        { folder: booksDir },
      ),
    addBeesBook: () => writeBeesBook(join(booksDir, "pchely.epub")),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
