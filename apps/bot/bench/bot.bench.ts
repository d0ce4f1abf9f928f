// `pnpm bench bot`: the real bot process against the Telegram Bot API stand-in, serving a
// synthetic library of 100k chunks with the offline embedder and extractive answerer.
// Prints answers/s and p50/p99 latency with 32 concurrent users, the bot's event-loop lag
// p99 meanwhile (target ≤ 50 ms), its RSS against the index size, and — in this process, on
// the same index — how long one query embedding + FAISS search blocks the event loop.
// Options: --chunks=N (default 100000), --users=N (32), --questions=N per user (15).
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "@ai-library/shared/config";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { startTelegramStandin } from "@ai-library/standins/telegram";
import { type Figure, machineHeader, report } from "../../../packages/bench/src/report.js";
import { startBotProcess } from "../test/e2e/bot-process.js";
import { driveUsers, percentile } from "./drive-users.js";
import { ensureSyntheticLibrary } from "./synthetic-library.js";

// `pnpm bench` passes only dashed arguments through, hence --name=value.
const option = (name: string, fallback: number) => {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  const value = given ? Number(given.split("=")[1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const CHUNKS = option("chunks", 100_000);
const USERS = option("users", 32);
const QUESTIONS = option("questions", 15);
const ADMIN = { id: 1, languageCode: "en" };
const MB = 2 ** 20;

const work = join(tmpdir(), `ai-library-bot-bench-${CHUNKS}`);
mkdirSync(work, { recursive: true });
const config = parseConfig({ INDEX_DIR: join(work, "index"), LOG_DIR: join(work, "logs") });
const embedder = createLocalHashedEmbedder({ dims: config.LOCAL_EMBEDDING_DIMS });
console.log(`bench bot: ${machineHeader()}; library of ${CHUNKS} chunks in ${work}`);
let started = performance.now();
const library = await ensureSyntheticLibrary(config.INDEX_DIR, CHUNKS, embedder);
console.log(
  `  library ${library.built ? "built" : "reused"} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

// Questions made of words from real chunks, so most have answers; and the in-process cost.
const generation = await library.store.open(library.generationId, embedder.identity);
const rows = generation.docstore.db.prepare("SELECT text FROM chunks ORDER BY random() LIMIT 400").all() as {
  text: string;
}[];
const questions = rows.map((row) => row.text.split(" ").slice(10, 18).join(" "));
const searchMs: number[] = [];
for (const question of questions.slice(0, 200)) {
  const t = performance.now();
  generation.search(await embedder.embedQuery(question), config.BOT_SEARCH_K);
  searchMs.push(performance.now() - t);
}
generation.close();
let next = 0;
const nextQuestion = () => questions[next++ % questions.length] ?? "вопрос";

const standin = await startTelegramStandin();
const bot = startBotProcess(
  {
    TELEGRAM_BOT_TOKEN: standin.token,
    TELEGRAM_API_ROOT: standin.apiRoot,
    INDEX_DIR: config.INDEX_DIR,
    LOG_DIR: config.LOG_DIR,
    ADMIN_USER_IDS: String(ADMIN.id),
    RATE_LIMIT_PER_MINUTE: "10000",
    INDEX_POLL_SECONDS: "60",
    QUEUE_PREFIX: "bench-bot",
  },
  { cwd: work },
);
started = performance.now();
try {
  await standin.waitFor(() => standin.callsOf("getUpdates").length > 0 || bot.child.exitCode !== null, {
    timeoutMs: 180_000,
    what: "the bot to start",
  });
  if (bot.child.exitCode !== null) throw new Error(`the bot exited at start:\n${bot.output().slice(-3000)}`);
  const startSeconds = (performance.now() - started) / 1000;
  const status = async () => {
    const since = standin.sentMessages(ADMIN.id).length;
    standin.sendText(ADMIN, "/status");
    const message = await standin.waitFor(() => standin.sentMessages(ADMIN.id)[since], {
      timeoutMs: 30_000,
      what: "/status",
    });
    const number = (pattern: RegExp) => Number(pattern.exec(message.text)?.[1] ?? Number.NaN);
    return { rssMb: number(/RSS (\d+) MB/), lagP99Ms: number(/since last \/status\): ([\d.]+) ms/) };
  };
  await driveUsers(standin, { users: USERS, questionsPerUser: 2, firstUserId: 10_000, question: nextQuestion });
  const idle = await status(); // also starts the event-loop window
  const load = await driveUsers(standin, {
    users: USERS,
    questionsPerUser: QUESTIONS,
    firstUserId: 20_000,
    question: nextQuestion,
  });
  const busy = await status();

  const figures: Figure[] = [
    { name: "answers per second (32 users)", value: load.latenciesMs.length / load.seconds, unit: "answers/s" },
    { name: "answer latency p50", value: percentile(load.latenciesMs, 50), unit: "ms" },
    { name: "answer latency p99", value: percentile(load.latenciesMs, 99), unit: "ms" },
    { name: "failed answers", value: load.failures, unit: `of ${USERS * QUESTIONS}` },
    { name: "answers citing sources", value: load.withSources, unit: `of ${USERS * QUESTIONS}` },
    {
      name: "event-loop lag p99 under load",
      value: busy.lagP99Ms,
      unit: "ms",
      target: "≤ 50 ms",
      ok: busy.lagP99Ms <= 50,
    },
    { name: "index size on disk", value: library.indexBytes / MB, unit: "MB" },
    { name: "bot RSS idle (index loaded)", value: idle.rssMb, unit: "MB" },
    { name: "bot RSS after the load", value: busy.rssMb, unit: "MB" },
    { name: "bot RSS / index size", value: busy.rssMb / (library.indexBytes / MB), unit: "×" },
    { name: "embed + search one query p50", value: percentile(searchMs, 50), unit: "ms (blocks the loop)" },
    { name: "embed + search one query p99", value: percentile(searchMs, 99), unit: "ms (blocks the loop)" },
    { name: "bot start to polling", value: startSeconds, unit: "s" },
  ];
  report("bot", figures, [
    `${CHUNKS} chunks × ${embedder.identity.dims} dims (offline embedder, Flat index, extractive answers, k=${config.BOT_SEARCH_K})`,
    `${USERS} users × ${QUESTIONS} questions each, closed loop, through the Telegram Bot API stand-in`,
  ]);
} finally {
  await bot.stop();
  await standin.close();
}
