// Every environment variable the project reads, with its default and the shape it must
// have. The same schema documents .env.example (a test keeps the two in step).
import { z } from "zod";
import { DEFAULT_NPROBE } from "./index-defaults.js";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "ожидалось true или false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const positiveInt = (min = 1, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ error: "ожидалось целое число" })
    .int({ error: "ожидалось целое число" })
    .min(min, { error: `ожидалось целое число ≥ ${min}` })
    .max(max, { error: `ожидалось целое число ≤ ${max}` });

const decimal = (min: number, max: number) =>
  z.coerce
    .number({ error: "ожидалось число" })
    .min(min, { error: `ожидалось число ≥ ${min}` })
    .max(max, { error: `ожидалось число ≤ ${max}` });

const userIdList = z
  .string()
  .trim()
  .refine((value) => value === "" || /^\d+(\s*,\s*\d+)*$/.test(value), {
    error: "ожидались числовые id пользователей Telegram через запятую, например 12345,67890",
  })
  .transform((value) => (value === "" ? [] : value.split(",").map((id) => Number(id.trim()))));

const optionalSecret = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

// Telegram accepts a webhook secret_token of 1–256 such characters and refuses setWebhook otherwise:
// better to name the variable at start-up than to fail later with Telegram's error.
const webhookSecret = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, { error: "ожидалось 1–256 латинских букв, цифр, _ или -" })
      .optional(),
  )
  .optional();

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(z.url({ error: "ожидался URL, например http://127.0.0.1:8080/v1" }).optional())
  .optional();

// A Sentry DSN: http(s)://<public key>@host[:port]/<project id>. Checked here so a pasted project
// URL or a missing key is a config error at start, not reports silently going nowhere.
const sentryDsn = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(
    z
      .string()
      .refine((value) => /^https?:\/\/[^\s:@/]+(:[^\s@/]*)?@[^\s/]+\/(.+\/)?\d+\/?$/.test(value), {
        error: "ожидался DSN Sentry, например https://<key>@o0.ingest.sentry.io/<project id>",
      })
      .optional(),
  )
  .optional();

// GENERATION_SERVER_LISTEN: host:port entries separated by commas, IPv6 in brackets. Each is one
// address the generation server binds to; nothing else is listened on.
const listenAddresses = z
  .string()
  .trim()
  .refine((value) => value === "" || value.split(",").every((entry) => LISTEN_ADDRESS.test(entry.trim())), {
    error: "ожидались адреса host:port через запятую, например 10.0.0.1:8470 или [fd00::1]:8470",
  })
  .transform((value) =>
    value === ""
      ? []
      : value.split(",").map((entry) => {
          const match = LISTEN_ADDRESS.exec(entry.trim()) as RegExpExecArray;
          return { host: (match[1] ?? "").replace(/^\[|\]$/g, ""), port: Number(match[2]) };
        }),
  )
  .refine((list) => list.every((address) => address.port >= 1 && address.port <= 65_535), {
    error: "порт должен быть от 1 до 65535",
  });
const LISTEN_ADDRESS = /^(\[[0-9A-Fa-f:.]+\]|[0-9A-Za-z.-]+):(\d{1,5})$/;

// The token hosts present to each other: long and printable, so it is a secret and not a password.
const clusterToken = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_.~+/=-]{32,512}$/, {
        error: "ожидалось 32–512 латинских букв, цифр или символов _.~+/=- (например, openssl rand -hex 32)",
      })
      .optional(),
  )
  .optional();

const hostName = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,100}$/, { error: "ожидалось имя хоста: латинские буквы, цифры, . _ -" })
      .optional(),
  )
  .optional();

export const envSchema = z.object({
  LOG_LEVEL: z
    .enum(["error", "warn", "info", "debug"], { error: "ожидалось одно из: error, warn, info, debug" })
    .default("info"),
  LOG_DIR: z.string().min(1).default("logs"),
  BOOKS_DIR: z.string().min(1).default("data/books"),
  INDEX_DIR: z.string().min(1).default("data/index"),
  BACKUP_DIR: z.string().min(1).default("data/backups"),
  BACKUP_KEEP: positiveInt(1, 1000).default(7),
  INGESTION_ENABLED: booleanFlag.default(true),
  INGEST_CONCURRENCY: positiveInt(1, 64).default(2),
  /** A job's lock in the queue; a worker that stops renewing it (killed) loses the job after this. */
  INGEST_LOCK_SECONDS: positiveInt(2, 3600).default(60),
  /** How often workers look for jobs whose worker died, to hand them to a live worker. */
  INGEST_STALLED_CHECK_SECONDS: positiveInt(1, 3600).default(30),
  /** On SIGTERM/SIGINT: how long active jobs may run on before they are handed back to the queue. */
  WORKER_SHUTDOWN_SECONDS: positiveInt(1, 3600).default(60),
  INDEX_FACTORY: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_,.]+$/, { error: "ожидалась строка фабрики FAISS, например Flat, IVF1024,Flat или HNSW32" })
    .default("Flat"),
  /** IVF indexes: lists a search visits (more = better recall, slower); written into each new generation. */
  INDEX_NPROBE: positiveInt(1, 65536).default(DEFAULT_NPROBE),
  INDEX_KEEP_GENERATIONS: positiveInt(2, 1000).default(5),
  REDIS_URL: z
    .string()
    .trim()
    .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), { error: "ожидалось redis://host:port[/db]" })
    .default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, { error: "ожидались латинские буквы, цифры, - или _" })
    .default("ai-library"),
  EMBEDDINGS_PROVIDER: z.enum(["local", "openai"], { error: "ожидалось local или openai" }).default("local"),
  LOCAL_EMBEDDING_DIMS: positiveInt(32, 4096).default(384),
  OPENAI_API_KEY: optionalSecret,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
  OPENAI_CHAT_MODEL: z.string().min(1).default("gpt-4o-mini"),
  /** Asks the API for vectors of this length (text-embedding-3-*); unset = the model's native length. */
  OPENAI_EMBEDDING_DIMS: positiveInt(1, 8192).optional(),
  OPENAI_EMBEDDING_BATCH_SIZE: positiveInt(1, 2048).default(256),
  /** Estimated (tiktoken) tokens per embeddings request; the API's own limit is 300k. */
  OPENAI_EMBEDDING_BATCH_TOKENS: positiveInt(1000, 300_000).default(100_000),
  OPENAI_MAX_CONCURRENCY: positiveInt(1, 64).default(2),
  OPENAI_MAX_RETRIES: positiveInt(0, 20).default(5),
  OPENAI_TIMEOUT_SECONDS: positiveInt(1, 600).default(60),
  ANSWERER: z
    .enum(["auto", "extractive", "openai"], { error: "ожидалось auto, extractive или openai" })
    .default("auto"),
  CHUNK_SIZE: positiveInt(200, 20_000).default(1000),
  CHUNK_OVERLAP: positiveInt(0, 5000).default(150),
  PARSE_TIMEOUT_SECONDS: positiveInt(1, 3600).default(120),
  PARSE_MEMORY_MB: positiveInt(64, 16_384).default(1024),
  EPUB_MAX_UNCOMPRESSED_MB: positiveInt(1, 10_000).default(300),
  /**
   * Text recognition of scanned pages (PDF pages without a usable text layer, DjVu pages without
   * hidden text) with Tesseract; unset = on when tesseract is installed.
   */
  OCR_ENABLED: booleanFlag.optional(),
  /** Tesseract languages joined by +, as `tesseract -l` takes them (packages tesseract-ocr-<lang>). */
  OCR_LANGUAGES: z
    .string()
    .trim()
    .regex(/^[a-z_]{3,}(\+[a-z_]{3,})*$/, { error: "expected Tesseract language codes joined by +, e.g. rus+eng" })
    .default("rus+eng"),
  /** Resolution a page is rendered at before recognition. */
  OCR_DPI: positiveInt(72, 1200).default(300),
  /** Pages of one book recognised at once (one tesseract process each, one core each). */
  OCR_CONCURRENCY: positiveInt(1, 64).default(2),
  /** One page's rendering plus recognition; a page over it is reported failed and the book goes on. */
  OCR_PAGE_TIMEOUT_SECONDS: positiveInt(1, 3600).default(120),
  TELEGRAM_BOT_TOKEN: optionalSecret,
  TELEGRAM_API_ROOT: z
    .url({ error: "ожидался URL, например https://api.telegram.org" })
    .default("https://api.telegram.org"),
  ALLOWED_USER_IDS: userIdList.default([]),
  ADMIN_USER_IDS: userIdList.default([]),
  RATE_LIMIT_PER_MINUTE: positiveInt(1, 10_000).default(20),
  MAX_QUESTION_CHARS: positiveInt(10, 4000).default(1000),
  /** The bot's handler timeout: a question not answered by then gets a polite "try again". */
  BOT_ANSWER_TIMEOUT_SECONDS: positiveInt(1, 600).default(60),
  /** Passages the bot retrieves per question (the CLI's `ask --k`). */
  BOT_SEARCH_K: positiveInt(1, 50).default(5),
  /** hybrid = keyword (BM25) and vector candidates scored together; vector or keyword = one list alone. */
  RETRIEVAL_MODE: z
    .enum(["hybrid", "vector", "keyword"], { error: "ожидалось hybrid, vector или keyword" })
    .default("hybrid"),
  /** Candidates each list brings (chosen with `pnpm eval --sweep`, see docs/retrieval.md). */
  RETRIEVAL_VECTOR_CANDIDATES: positiveInt(1, 1000).default(50),
  RETRIEVAL_KEYWORD_CANDIDATES: positiveInt(1, 1000).default(50),
  /** Hybrid score = BM25/best BM25 + VECTOR_WEIGHT × cosine/best cosine + PROXIMITY_WEIGHT × term proximity. */
  RETRIEVAL_VECTOR_WEIGHT: decimal(0, 10).default(0.1),
  RETRIEVAL_PROXIMITY_WEIGHT: decimal(0, 10).default(0.5),
  /** Most consecutive found chunks merged into one passage (1 = never merge neighbours). */
  RETRIEVAL_PASSAGE_CHUNKS: positiveInt(1, 10).default(3),
  /** Most characters taken from a neighbouring chunk to finish a sentence cut at a chunk edge (0 = off). */
  RETRIEVAL_EXPAND_CHARS: positiveInt(0, 2000).default(300),
  /**
   * RM3 pseudo-relevance feedback: weight of the terms of the 10 best keyword hits against the
   * question (Anserini uses 0.5); 0 = off. Measured with `pnpm eval` (docs/retrieval.md).
   */
  RETRIEVAL_RM3_WEIGHT: decimal(0, 0.9).default(0),
  /** Least time between two edits of a streamed LLM answer (Telegram allows about one per second per chat). */
  BOT_STREAM_EDIT_INTERVAL_MS: positiveInt(300, 60_000).default(1500),
  /** Bot API sends and edits a second, all chats together (Telegram allows about 30). */
  BOT_SENDS_PER_SECOND: positiveInt(1, 30).default(25),
  /** Bot API sends and edits a minute to one group (Telegram allows 20). */
  BOT_GROUP_SENDS_PER_MINUTE: positiveInt(1, 20).default(20),
  /** How long the bot remembers a conversation's last turns for follow-up questions (in Redis, shared by its processes). */
  CONVERSATION_TTL_MINUTES: positiveInt(1, 10_080).default(30),
  /**
   * With the LLM answerer: how long a follow-up may wait for the LLM to rewrite it as a standalone
   * question before the offline rewrite is used instead; 0 = never ask the LLM.
   */
  CONVERSATION_CONDENSE_TIMEOUT_SECONDS: positiveInt(0, 60).default(4),
  /** FAISS search in a separate process (keeps the bot's event loop free; one more copy of the index in memory). */
  BOT_SEARCH_PROCESS: booleanFlag.default(true),
  WEBHOOK_URL: optionalUrl,
  WEBHOOK_PORT: positiveInt(1, 65_535).default(8443),
  WEBHOOK_SECRET: webhookSecret,
  BOT_METRICS_PORT: positiveInt(0, 65_535).default(9464),
  WORKER_METRICS_PORT: positiveInt(0, 65_535).default(9465),
  /** Address the /metrics and /healthz listeners bind to; 0.0.0.0 when Prometheus scrapes from another machine. */
  METRICS_HOST: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z.:-]+$/, { error: "ожидался адрес, например 127.0.0.1 или 0.0.0.0" })
    .default("127.0.0.1"),
  INDEX_POLL_SECONDS: positiveInt(1, 3600).default(10),
  /** How long the ingest queue may stay paused before the AiLibraryQueuePaused alert fires. */
  QUEUE_PAUSED_ALERT_MINUTES: positiveInt(1, 100_000).default(60),
  /** Publisher host: addresses `index serve` listens on for the other hosts (host:port, comma-separated); empty = not served. */
  GENERATION_SERVER_LISTEN: listenAddresses.default([]),
  /** Shared by every host: `index serve` requires it (Authorization: Bearer), `index follow` sends it. */
  CLUSTER_TOKEN: clusterToken,
  /** Bot host without a shared disk: the publisher's generation server, e.g. http://10.0.0.1:8470. */
  GENERATION_SOURCE_URL: optionalUrl,
  /** How often `index follow` compares its LIVE with the publisher's even without a Redis notice. */
  INDEX_SYNC_SECONDS: positiveInt(1, 86_400).default(60),
  /** /metrics of `index serve` and `index follow` (0 = no listener). */
  INDEX_SYNC_METRICS_PORT: positiveInt(0, 65_535).default(9466),
  /** This host's name in heartbeats, `index list` and metrics; unset = the machine's hostname. */
  HOST_NAME: hostName,
  /** Error tracking: unhandled errors and failed jobs go to this Sentry project; unset = nothing is sent. */
  SENTRY_DSN: sentryDsn,
});

export type AppConfig = z.output<typeof envSchema>;

/** Names whose values must never be printed, logged or echoed in an error. */
export const SECRET_VARIABLES = [
  "TELEGRAM_BOT_TOKEN",
  "OPENAI_API_KEY",
  "WEBHOOK_SECRET",
  "SENTRY_DSN",
  "CLUSTER_TOKEN",
] as const;
