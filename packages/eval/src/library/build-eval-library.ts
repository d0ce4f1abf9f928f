// Builds the evaluation library the way an operator would: book files in a BOOKS_DIR, the
// real ingest pipeline (isolated parsing, chunking, embedding, a published generation) into
// an INDEX_DIR. XQuAD articles become one Markdown book each; the long books are copied in.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { AppConfig } from "@ai-library/shared/config";
import type { Embedder } from "@ai-library/shared/embeddings";
import { type IndexStore, openIndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { type IngestReport, ingestSettingsFromConfig, runIngest } from "@ai-library/shared/pipeline";
import type { XquadArticle } from "../xquad/load-xquad.js";
import { articleFileName, renderArticleMarkdown } from "../xquad/render-article.js";
import type { EvalLanguage } from "./corpus.js";

export interface EvalLibraryRequest {
  corpus: string;
  config: AppConfig;
  logger: Logger;
  embedder: Embedder;
  articles: Record<EvalLanguage, XquadArticle[]>;
  /** Corpus-relative paths of real books to add. */
  books: readonly string[];
  /** Books from outside the corpus (the fetched Debian books): source path, file in the library. */
  extraBooks?: readonly { source: string; file: string }[];
}

export interface EvalLibrary {
  store: IndexStore;
  /** Library file (relative to BOOKS_DIR) of each XQuAD article, by language and article index. */
  articleFiles: Record<EvalLanguage, string[]>;
  ingest: IngestReport;
  seconds: number;
}

/** Where a corpus book sits in the evaluation library. */
export function libraryFileOfCorpusBook(corpusPath: string): string {
  return `books/${basename(corpusPath)}`;
}

export async function buildEvalLibrary(request: EvalLibraryRequest): Promise<EvalLibrary> {
  const { config } = request;
  const articleFiles: Record<EvalLanguage, string[]> = { en: [], ru: [] };
  for (const lang of ["en", "ru"] as const) {
    mkdirSync(join(config.BOOKS_DIR, `xquad-${lang}`), { recursive: true });
    request.articles[lang].forEach((article, index) => {
      const file = `xquad-${lang}/${articleFileName(index, article.title)}`;
      writeFileSync(join(config.BOOKS_DIR, file), renderArticleMarkdown(article));
      articleFiles[lang].push(file);
    });
  }
  mkdirSync(join(config.BOOKS_DIR, "books"), { recursive: true });
  for (const book of request.books)
    copyFileSync(join(request.corpus, book), join(config.BOOKS_DIR, libraryFileOfCorpusBook(book)));
  for (const extra of request.extraBooks ?? []) {
    mkdirSync(dirname(join(config.BOOKS_DIR, extra.file)), { recursive: true });
    copyFileSync(extra.source, join(config.BOOKS_DIR, extra.file));
  }

  const store = openIndexStore(config.INDEX_DIR);
  const started = performance.now();
  const ingest = await runIngest(
    { settings: ingestSettingsFromConfig(config), logger: request.logger, embedder: request.embedder, store },
    { folder: config.BOOKS_DIR },
  );
  const failed = ingest.outcomes.filter((outcome) => outcome.status === "failed");
  if (!ingest.published || failed.length > 0) {
    const reasons = failed.map((outcome) => outcome.reason).join("; ");
    throw new Error(`The evaluation library did not ingest cleanly: ${ingest.failure ?? reasons}`);
  }
  return { store, articleFiles, ingest, seconds: (performance.now() - started) / 1000 };
}
