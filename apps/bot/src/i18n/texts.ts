// The shape of every user-facing text of the bot; ru.ts and en.ts each fill it in full,
// so a missing translation is a type error rather than an English word in a Russian chat.

export type Lang = "ru" | "en";

export interface LibraryFacts {
  bookCount: number;
  chunkCount: number;
  sampleTitles: string[];
}

export interface StatusFacts {
  generationId: string | undefined;
  generationDate: string | undefined;
  chunkCount: number;
  bookCount: number;
  uptime: string;
  rssMb: number;
  heapMb: number;
  /** RSS of the FAISS search process, when one runs. */
  searchRssMb: number | undefined;
  eventLoopP99Ms: number;
  queue: string;
  /** Which generation each host serves, from their heartbeats; undefined on a single host. */
  hosts: string | undefined;
  answered: number;
  failed: number;
}

export interface QueueFacts {
  paused: boolean;
  runs: { waiting: number; active: number; failed: number };
  books: { waiting: number; active: number; failed: number };
  /** The same three numbers `queue status` prints: alive, taking jobs, held by INGESTION_ENABLED=false. */
  workers: { alive: number; consuming: number; held: number };
}

export interface Texts {
  intro(facts: LibraryFacts | undefined): string;
  commandMenu: { command: string; description: string }[];
  libraryEmpty: string;
  thinking: string;
  sourcesHeader: string;
  /** Pages as the reader's viewer shows them: the page label when the PDF has one, else the number. */
  page(page: string, pageEnd?: string): string;
  /** "глава «X»", or with the section inside it "глава «X», «Y»". */
  chapter(title: string, section?: string): string;
  /** A page location with the outline section it falls under: "с. 12, «4.3 …»". */
  inSection(location: string, section: string): string;
  /** Added to the location of a passage from a page recognised by OCR. */
  ocrMark: string;
  sourceButton(index: number): string;
  sourceQuoteHeader(index: number): string;
  sourceExpired: string;
  /** Above an answer to a follow-up: the earlier topic it was searched with. */
  inContext(topic: string): string;
  /** Above an answer to a follow-up the LLM rewrote: the standalone question it answers. */
  understoodAs(question: string): string;
  /** /new and its button: the conversation is forgotten. */
  newConversation: string;
  newConversationButton: string;
  sourceNotYours: string;
  /** «Ещё»: the next passages for the same question. */
  moreButton: string;
  /** Above a «Ещё» page: which question it continues. */
  moreFor(question: string): string;
  /** «Ещё» pressed when no further passage is relevant. */
  noMore: string;
  /** «Ещё» pressed after the conversation memory expired. */
  moreExpired: string;
  /** «Подробнее»: the whole section around a cited source. */
  expandButton(index: number): string;
  /** Above an expanded section; `cut` when the section goes on past what fits. */
  expandHeader(index: number, cut: boolean): string;
  /** The cited book is no longer in the library served now. */
  expandGone: string;
  booksHeader(total: number, page: number, pages: number): string;
  booksPrev: string;
  booksNext: string;
  about(generationId: string, date: string, bookCount: number, chunkCount: number): string;
  status(facts: StatusFacts): string;
  queueUnavailable: string;
  queueState(queue: QueueFacts): string;
  /** One host of several and the generation it serves. */
  hostServes(host: string, generationId: string | undefined): string;
  adminOnly: string;
  accessDenied(userId: number): string;
  rateLimited(seconds: number): string;
  tooLong(limit: number, actual: number): string;
  onlyText: string;
  unknownCommand: string;
  timeout: string;
  failed: string;
  dateLocale: string;
}
