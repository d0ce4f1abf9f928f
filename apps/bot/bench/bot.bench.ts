// `pnpm bench bot`: the real bot process against the Telegram Bot API stand-in, serving a
// synthetic library of 100k chunks with the offline embedder and extractive answerer.
// Prints answers/s and p50/p99 latency with 32 concurrent users, the bot's event-loop lag
// p99 meanwhile (target ≤ 50 ms) and its RSS against the index size — with FAISS search on
// its own thread (the default) and, for comparison, in the main thread (BOT_SEARCH_THREAD=
// false) — plus what one query embedding + search costs in-process on the same index.
// Options: --chunks=N (default 100000), --users=N (32), --questions=N per user (15).
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "@ai-library/shared/config";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { type Figure, machineHeader, report } from "../../../packages/bench/src/report.js";
import { percentile } from "./drive-users.js";
import { runBotUnderLoad } from "./run-bot-under-load.js";
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
const MB = 2 ** 20;

const work = join(tmpdir(), `ai-library-bot-bench-${CHUNKS}`);
mkdirSync(work, { recursive: true });
const config = parseConfig({ INDEX_DIR: join(work, "index"), LOG_DIR: join(work, "logs") });
const embedder = createLocalHashedEmbedder({ dims: config.LOCAL_EMBEDDING_DIMS });
console.log(`bench bot: ${machineHeader()}; library of ${CHUNKS} chunks in ${work}`);
const started = performance.now();
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

const run = (searchThread: boolean) =>
  runBotUnderLoad({
    work,
    indexDir: config.INDEX_DIR,
    logDir: config.LOG_DIR,
    users: USERS,
    questionsPerUser: QUESTIONS,
    question: nextQuestion,
    env: { BOT_SEARCH_THREAD: String(searchThread) },
  });
const threaded = await run(true);
const inLoop = await run(false);

const total = USERS * QUESTIONS;
const lagFigure = (name: string, value: number): Figure => ({
  name,
  value,
  unit: "ms",
  target: "≤ 50 ms",
  ok: value <= 50,
});
const figures: Figure[] = [
  {
    name: "answers per second (32 users)",
    value: threaded.load.latenciesMs.length / threaded.load.seconds,
    unit: "answers/s",
  },
  { name: "answer latency p50", value: percentile(threaded.load.latenciesMs, 50), unit: "ms" },
  { name: "answer latency p99", value: percentile(threaded.load.latenciesMs, 99), unit: "ms" },
  { name: "failed answers", value: threaded.load.failures, unit: `of ${total}` },
  { name: "answers citing sources", value: threaded.load.withSources, unit: `of ${total}` },
  lagFigure("event-loop lag p99 under load", threaded.lagP99Ms),
  { name: "index size on disk", value: library.indexBytes / MB, unit: "MB" },
  { name: "bot RSS idle (index loaded)", value: threaded.idleRssMb, unit: "MB" },
  { name: "bot RSS after the load", value: threaded.busyRssMb, unit: "MB" },
  { name: "bot RSS / index size", value: threaded.busyRssMb / (library.indexBytes / MB), unit: "×" },
  { name: "bot start to polling", value: threaded.startSeconds, unit: "s" },
  {
    name: "BOT_SEARCH_THREAD=false: answers/s",
    value: inLoop.load.latenciesMs.length / inLoop.load.seconds,
    unit: "answers/s",
  },
  { name: "BOT_SEARCH_THREAD=false: latency p99", value: percentile(inLoop.load.latenciesMs, 99), unit: "ms" },
  { name: "BOT_SEARCH_THREAD=false: failed answers", value: inLoop.load.failures, unit: `of ${total}` },
  { name: "BOT_SEARCH_THREAD=false: event-loop lag p99", value: inLoop.lagP99Ms, unit: "ms" },
  { name: "BOT_SEARCH_THREAD=false: bot RSS", value: inLoop.busyRssMb, unit: "MB" },
  { name: "embed + search one query p50 (in-process)", value: percentile(searchMs, 50), unit: "ms" },
  { name: "embed + search one query p99 (in-process)", value: percentile(searchMs, 99), unit: "ms" },
];
report("bot", figures, [
  `${CHUNKS} chunks × ${embedder.identity.dims} dims (offline embedder, Flat index, extractive answers, k=${config.BOT_SEARCH_K})`,
  `${USERS} users × ${QUESTIONS} questions each, closed loop, through the Telegram Bot API stand-in; first block: default BOT_SEARCH_THREAD=true`,
  "with BOT_SEARCH_THREAD=false every search blocks the bot's event loop for about the in-process search time",
]);
