// One wrong value for every variable of the configuration schema, or the reason a variable has
// none. `satisfies Record<…>` makes a variable added to the schema without a line here a type
// error, and config-wrong-values.test.ts checks the same at run time.
import type { envSchema } from "@ai-library/shared/config";

type Variable = keyof typeof envSchema.shape;

export type ConfigCase = { wrong: string } | { noWrongValue: string; accepted: string[] };

const FREE_PATH =
  "any non-empty path is accepted (empty means the default); whether it exists and is writable is the job of the process that uses it";
const FREE_NAME =
  "any model name is accepted: only the API knows which exist, and it answers a wrong one with an error at the first call";
const FREE_SECRET =
  "a secret is opaque text: its format is not ours to check, and the service that issued it refuses a wrong one";

export const CONFIG_CASES = {
  LOG_LEVEL: { wrong: "loud" },
  LOG_DIR: { noWrongValue: FREE_PATH, accepted: ["/var/log/ai library", "../logs", "логи"] },
  BOOKS_DIR: { noWrongValue: FREE_PATH, accepted: ["/srv/books", "./книги", "a b"] },
  INDEX_DIR: { noWrongValue: FREE_PATH, accepted: ["/srv/index", "../index"] },
  BACKUP_DIR: { noWrongValue: FREE_PATH, accepted: ["/srv/backups", "backups"] },
  BACKUP_KEEP: { wrong: "0" },
  INGESTION_ENABLED: { wrong: "maybe" },
  INGEST_CONCURRENCY: { wrong: "65" },
  INGEST_LOCK_SECONDS: { wrong: "1" },
  INGEST_STALLED_CHECK_SECONDS: { wrong: "0" },
  WORKER_SHUTDOWN_SECONDS: { wrong: "-5" },
  INDEX_FACTORY: { wrong: "Flat; rm -rf /" },
  INDEX_NPROBE: { wrong: "0" },
  INDEX_KEEP_GENERATIONS: { wrong: "1" },
  REDIS_URL: { wrong: "localhost:6379" },
  QUEUE_PREFIX: { wrong: "bad prefix!" },
  EMBEDDINGS_PROVIDER: { wrong: "huggingface" },
  LOCAL_EMBEDDING_DIMS: { wrong: "16" },
  OPENAI_API_KEY: { noWrongValue: FREE_SECRET, accepted: ["sk-anything", "key with spaces"] },
  OPENAI_BASE_URL: { wrong: "not a url" },
  OPENAI_EMBEDDING_MODEL: { noWrongValue: FREE_NAME, accepted: ["my-local-embedder", "bge-m3"] },
  OPENAI_CHAT_MODEL: { noWrongValue: FREE_NAME, accepted: ["llama3.1:8b", "qwen2.5"] },
  OPENAI_EMBEDDING_DIMS: { wrong: "1.5" },
  OPENAI_EMBEDDING_BATCH_SIZE: { wrong: "0" },
  OPENAI_EMBEDDING_BATCH_TOKENS: { wrong: "999" },
  OPENAI_MAX_CONCURRENCY: { wrong: "lots" },
  OPENAI_MAX_RETRIES: { wrong: "21" },
  OPENAI_TIMEOUT_SECONDS: { wrong: "0" },
  ANSWERER: { wrong: "gpt" },
  CHUNK_SIZE: { wrong: "199" },
  CHUNK_OVERLAP: { wrong: "5001" },
  PARSE_TIMEOUT_SECONDS: { wrong: "0" },
  PARSE_MEMORY_MB: { wrong: "63" },
  EPUB_MAX_UNCOMPRESSED_MB: { wrong: "0" },
  OCR_ENABLED: { wrong: "sometimes" },
  OCR_LANGUAGES: { wrong: "rus,eng" },
  OCR_DPI: { wrong: "50" },
  OCR_CONCURRENCY: { wrong: "0" },
  OCR_PAGE_TIMEOUT_SECONDS: { wrong: "0" },
  TELEGRAM_BOT_TOKEN: { noWrongValue: FREE_SECRET, accepted: ["123:abc", "not-a-token"] },
  TELEGRAM_API_ROOT: { wrong: "api.telegram.org" },
  ALLOWED_USER_IDS: { wrong: "12,abc" },
  ADMIN_USER_IDS: { wrong: "@admin" },
  RATE_LIMIT_PER_MINUTE: { wrong: "0" },
  MAX_QUESTION_CHARS: { wrong: "9" },
  BOT_ANSWER_TIMEOUT_SECONDS: { wrong: "601" },
  BOT_SEARCH_K: { wrong: "0" },
  RETRIEVAL_MODE: { wrong: "semantic" },
  RETRIEVAL_VECTOR_CANDIDATES: { wrong: "0" },
  RETRIEVAL_KEYWORD_CANDIDATES: { wrong: "1001" },
  RETRIEVAL_VECTOR_WEIGHT: { wrong: "-1" },
  RETRIEVAL_PROXIMITY_WEIGHT: { wrong: "ten" },
  RETRIEVAL_PASSAGE_CHUNKS: { wrong: "11" },
  RETRIEVAL_EXPAND_CHARS: { wrong: "2001" },
  RETRIEVAL_RM3_WEIGHT: { wrong: "1" },
  BOT_STREAM_EDIT_INTERVAL_MS: { wrong: "299" },
  BOT_SENDS_PER_SECOND: { wrong: "31" },
  BOT_GROUP_SENDS_PER_MINUTE: { wrong: "0" },
  CONVERSATION_TTL_MINUTES: { wrong: "0" },
  CONVERSATION_CONDENSE_TIMEOUT_SECONDS: { wrong: "61" },
  BOT_SEARCH_PROCESS: { wrong: "sometimes" },
  WEBHOOK_URL: { wrong: "bot.example.org/hook" },
  WEBHOOK_PORT: { wrong: "65536" },
  // Telegram refuses setWebhook for other characters, so the schema checks them at start-up.
  WEBHOOK_SECRET: { wrong: "secret with spaces!" },
  BOT_METRICS_PORT: { wrong: "-1" },
  WORKER_METRICS_PORT: { wrong: "http" },
  METRICS_HOST: { wrong: "0.0.0.0/0" },
  INDEX_POLL_SECONDS: { wrong: "0" },
  QUEUE_PAUSED_ALERT_MINUTES: { wrong: "0" },
  // An address without its port: the server would not know where to listen.
  GENERATION_SERVER_LISTEN: { wrong: "10.0.0.1" },
  // Too short to be a shared secret between hosts (a password, not a token).
  CLUSTER_TOKEN: { wrong: "letmein" },
  GENERATION_SOURCE_URL: { wrong: "10.0.0.1:8470" },
  INDEX_SYNC_SECONDS: { wrong: "0" },
  INDEX_SYNC_METRICS_PORT: { wrong: "65536" },
  HOST_NAME: { wrong: "bot host #1" },
  // A project page pasted instead of the project's DSN.
  SENTRY_DSN: { wrong: "https://sentry.io/organizations/acme/projects/bot/" },
} satisfies Record<Variable, ConfigCase>;

export const wrongValues = (): [Variable, string][] =>
  Object.entries(CONFIG_CASES).flatMap(([name, c]) => ("wrong" in c ? [[name as Variable, c.wrong]] : []));
