// Тексты бота по-русски (язык по умолчанию).
import type { Texts } from "./texts.js";

const plural = (n: number, one: string, few: string, many: string) => {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
};

export const ru: Texts = {
  intro(facts) {
    const head =
      "Я отвечаю на вопросы по книгам библиотеки и всегда называю источники: книгу и страницу (PDF) или главу (EPUB, FB2).\n" +
      "Просто напишите вопрос обычным сообщением.";
    if (!facts || facts.bookCount === 0)
      return `${head}\n\nСейчас библиотека пуста: попросите оператора запустить индексацию.`;
    const books = `${facts.bookCount} ${plural(facts.bookCount, "книга", "книги", "книг")}`;
    const titles = facts.sampleTitles.map((title) => `• ${title}`).join("\n");
    return `${head}\n\nВ библиотеке ${books}, например:\n${titles}\n\nКоманды: /books — список книг, /about — версия индекса, /new — новая тема (забыть прошлые вопросы), /help — эта справка.`;
  },
  commandMenu: [
    { command: "start", description: "Что умеет бот" },
    { command: "help", description: "Справка и примеры книг" },
    { command: "books", description: "Список книг библиотеки" },
    { command: "about", description: "Версия индекса и дата" },
    { command: "new", description: "Новая тема: забыть прошлые вопросы" },
  ],
  libraryEmpty: "Библиотека пока пуста: индекс ещё не собран. Попросите оператора запустить индексацию книг.",
  thinking: "Ищу ответ в книгах…",
  sourcesHeader: "Источники:",
  page: (page, pageEnd) => (pageEnd !== undefined && pageEnd !== page ? `с. ${page}–${pageEnd}` : `с. ${page}`),
  chapter: (title, section) => (section ? `глава «${title}», «${section}»` : `глава «${title}»`),
  inSection: (location, section) => `${location}, «${section}»`,
  ocrMark: "распознано OCR",
  sourceButton: (index) => `Цитата [${index}]`,
  sourceQuoteHeader: (index) => `Цитата [${index}]`,
  sourceExpired: "Эта кнопка устарела. Задайте вопрос ещё раз, чтобы увидеть цитаты.",
  understoodAs: (question) => `понял вопрос как: ${question}`,
  inContext: (topic) => `в контексте: ${topic}`,
  newConversation: "Начнём заново: прошлые вопросы забыты.",
  newConversationButton: "Новая тема",
  sourceNotYours: "Эта кнопка относится к чужому вопросу.",
  moreButton: "Ещё ▸",
  moreFor: (question) => `Ещё по вопросу «${question}»`,
  noMore: "Других подходящих фрагментов в библиотеке нет.",
  moreExpired: "Эта кнопка устарела. Задайте вопрос ещё раз.",
  expandButton: (index) => `Подробнее [${index}]`,
  expandHeader: (index, cut) =>
    cut ? `Раздел вокруг источника [${index}] (начало)` : `Раздел вокруг источника [${index}]`,
  expandGone: "Этой книги уже нет в библиотеке. Задайте вопрос ещё раз.",
  booksHeader: (total, page, pages) => `Книги в библиотеке: ${total} (страница ${page} из ${pages})`,
  booksPrev: "« Назад",
  booksNext: "Дальше »",
  about: (id, date, books, chunks) =>
    `Индекс: поколение ${id}\nОпубликован: ${date}\nКниг: ${books}, фрагментов: ${chunks}`,
  status: (f) =>
    [
      `Поколение индекса: ${f.generationId ?? "нет"}${f.generationDate ? ` (${f.generationDate})` : ""}`,
      `Книг: ${f.bookCount}, фрагментов: ${f.chunkCount}`,
      `Очередь индексации: ${f.queue}`,
      ...(f.hosts ? [`Хосты (какое поколение обслуживают): ${f.hosts}`] : []),
      `Работает: ${f.uptime}`,
      `Память: RSS ${f.rssMb} МБ, heap ${f.heapMb} МБ${f.searchRssMb === undefined ? "" : `; процесс поиска: RSS ${f.searchRssMb} МБ`}`,
      `Задержка event loop p99 (с прошлого /status): ${f.eventLoopP99Ms} мс`,
      `Ответов: ${f.answered}, ошибок: ${f.failed}`,
    ].join("\n"),
  queueUnavailable: "Redis недоступен, состояние очереди неизвестно",
  queueState: (q) =>
    `${q.paused ? "на паузе" : "работает"}; запуски: ждут ${q.runs.waiting}, в работе ${q.runs.active}, ошибок ${q.runs.failed}; ` +
    `книги: ждут ${q.books.waiting}, в работе ${q.books.active}, ошибок ${q.books.failed}; ` +
    `воркеры: ${q.workers.alive} (берут задания: ${q.workers.consuming}, удержаны INGESTION_ENABLED=false: ${q.workers.held})`,
  hostServes: (host, id) => `${host} — ${id ?? "пока ничего"}`,
  adminOnly: "Эта команда только для администраторов.",
  accessDenied: (id) =>
    `Извините, этот бот доступен только приглашённым пользователям. Ваш id: ${id} — передайте его администратору.`,
  rateLimited: (seconds) => `Слишком много вопросов подряд. Пожалуйста, подождите ${seconds} с и спросите снова.`,
  tooLong: (limit, actual) =>
    `Вопрос слишком длинный (${actual} символов). Сократите его до ${limit} символов, пожалуйста.`,
  onlyText: "Я понимаю только текстовые вопросы. Напишите, пожалуйста, вопрос словами.",
  unknownCommand: "Такой команды нет. Доступны: /start, /help, /books, /about, /new. А вопрос можно просто написать.",
  timeout: "Не успел найти ответ вовремя. Попробуйте ещё раз чуть позже или сформулируйте вопрос короче.",
  failed: "Извините, при ответе произошла ошибка. Попробуйте ещё раз; если повторится — сообщите администратору.",
  dateLocale: "ru-RU",
};
