// The bot's texts in English, for users whose Telegram language is English.
import type { Texts } from "./texts.js";

export const en: Texts = {
  intro(facts) {
    const head =
      "I answer questions about the books in the library and always cite my sources: the book and page (PDF) or chapter (EPUB, FB2).\n" +
      "Just send your question as a message.";
    if (!facts || facts.bookCount === 0)
      return `${head}\n\nThe library is empty right now: ask the operator to run an ingest.`;
    const titles = facts.sampleTitles.map((title) => `• ${title}`).join("\n");
    return `${head}\n\nThe library has ${facts.bookCount} book${facts.bookCount === 1 ? "" : "s"}, for example:\n${titles}\n\nCommands: /books — list of books, /about — index version, /new — new topic (forget the earlier questions), /help — this help.`;
  },
  commandMenu: [
    { command: "start", description: "What this bot does" },
    { command: "help", description: "Help and some of the books" },
    { command: "books", description: "List the books in the library" },
    { command: "about", description: "Index version and date" },
    { command: "new", description: "New topic: forget the earlier questions" },
  ],
  libraryEmpty: "The library is empty: no index has been built yet. Ask the operator to run an ingest.",
  thinking: "Searching the books…",
  sourcesHeader: "Sources:",
  page: (page, pageEnd) => (pageEnd !== undefined && pageEnd !== page ? `pp. ${page}–${pageEnd}` : `p. ${page}`),
  chapter: (title, section) => (section ? `chapter “${title}”, “${section}”` : `chapter “${title}”`),
  inSection: (location, section) => `${location}, “${section}”`,
  ocrMark: "OCR",
  sourceButton: (index) => `Quote [${index}]`,
  sourceQuoteHeader: (index) => `Quote [${index}]`,
  sourceExpired: "This button has expired. Ask your question again to see the quotes.",
  understoodAs: (question) => `read as: ${question}`,
  inContext: (topic) => `in the context of: ${topic}`,
  newConversation: "Starting over: the earlier questions are forgotten.",
  newConversationButton: "New topic",
  sourceNotYours: "This button belongs to someone else's question.",
  moreButton: "More ▸",
  moreFor: (question) => `More on "${question}"`,
  noMore: "No other relevant passages in the library.",
  moreExpired: "This button has expired. Please ask the question again.",
  expandButton: (index) => `Expand [${index}]`,
  expandHeader: (index, cut) =>
    cut ? `Section around source [${index}] (beginning)` : `Section around source [${index}]`,
  expandGone: "That book is no longer in the library. Please ask again.",
  booksHeader: (total, page, pages) => `Books in the library: ${total} (page ${page} of ${pages})`,
  booksPrev: "« Back",
  booksNext: "Next »",
  about: (id, date, books, chunks) =>
    `Index generation ${id}\nPublished: ${date}\nBooks: ${books}, passages: ${chunks}`,
  status: (f) =>
    [
      `Index generation: ${f.generationId ?? "none"}${f.generationDate ? ` (${f.generationDate})` : ""}`,
      `Books: ${f.bookCount}, passages: ${f.chunkCount}`,
      `Ingest queue: ${f.queue}`,
      ...(f.hosts ? [`Hosts (generation served): ${f.hosts}`] : []),
      `Uptime: ${f.uptime}`,
      `Memory: RSS ${f.rssMb} MB, heap ${f.heapMb} MB${f.searchRssMb === undefined ? "" : `; search process: RSS ${f.searchRssMb} MB`}`,
      `Event loop lag p99 (since last /status): ${f.eventLoopP99Ms} ms`,
      `Answers: ${f.answered}, failures: ${f.failed}`,
    ].join("\n"),
  queueUnavailable: "Redis is unavailable, queue state unknown",
  queueState: (q) =>
    `${q.paused ? "paused" : "running"}; runs: ${q.runs.waiting} waiting, ${q.runs.active} active, ${q.runs.failed} failed; ` +
    `books: ${q.books.waiting} waiting, ${q.books.active} active, ${q.books.failed} failed; ` +
    `workers: ${q.workers.alive} (taking jobs: ${q.workers.consuming}, held by INGESTION_ENABLED=false: ${q.workers.held})`,
  hostServes: (host, id) => `${host} — ${id ?? "nothing yet"}`,
  adminOnly: "This command is for administrators only.",
  accessDenied: (id) =>
    `Sorry, this bot is available to invited users only. Your id is ${id}: send it to the administrator.`,
  rateLimited: (seconds) => `Too many questions in a row. Please wait ${seconds} s and ask again.`,
  tooLong: (limit, actual) =>
    `Your question is too long (${actual} characters). Please shorten it to ${limit} characters.`,
  onlyText: "I only understand text questions. Please type your question.",
  unknownCommand: "There is no such command. Available: /start, /help, /books, /about, /new. Or just type a question.",
  timeout: "I could not find an answer in time. Please try again a bit later or ask a shorter question.",
  failed:
    "Sorry, something went wrong while answering. Please try again; if it keeps happening, tell the administrator.",
  dateLocale: "en-GB",
};
