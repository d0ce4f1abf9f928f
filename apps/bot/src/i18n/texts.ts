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
  answered: number;
  failed: number;
}

export interface QueueFacts {
  paused: boolean;
  runs: { waiting: number; active: number; failed: number };
  books: { waiting: number; active: number; failed: number };
  workers: number;
}

export interface Texts {
  intro(facts: LibraryFacts | undefined): string;
  commandMenu: { command: string; description: string }[];
  libraryEmpty: string;
  thinking: string;
  sourcesHeader: string;
  page(page: number, pageEnd?: number): string;
  chapter(title: string): string;
  sourceButton(index: number): string;
  sourceQuoteHeader(index: number): string;
  sourceExpired: string;
  sourceNotYours: string;
  booksHeader(total: number, page: number, pages: number): string;
  booksPrev: string;
  booksNext: string;
  about(generationId: string, date: string, bookCount: number, chunkCount: number): string;
  status(facts: StatusFacts): string;
  queueUnavailable: string;
  queueState(queue: QueueFacts): string;
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
