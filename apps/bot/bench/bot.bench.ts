// `pnpm bench bot`: the real bot process against the Telegram Bot API stand-in, serving a
// synthetic library of 100k chunks with the offline embedder and extractive answerer.
// Prints answers/s and p50/p99 latency with 32 concurrent users, the bot's event-loop lag
// p99 meanwhile (target ≤ 50 ms) and its RSS (bot + search process) against the index size
// — with the FAISS scan in a search process (the default) and, for comparison, in the bot's
// own thread (BOT_SEARCH_PROCESS=false) — plus what one search costs in-process.
// Options: --chunks=N (default 100000), --users=N (32), --questions=N per user (15).
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "@ai-library/shared/config";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { passagesFromVectorHits, retrievalSettingsFromConfig } from "@ai-library/shared/retrieval";
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
// What one search costs, split as the bot splits it: the FAISS scan (in the search process by
// default) and the rest — embedding, keyword candidates, fusion, passages — in the bot.
const settings = retrievalSettingsFromConfig(config);
const scanMs: number[] = [];
const restMs: number[] = [];
for (const question of questions.slice(0, 200)) {
  let t = performance.now();
  const vector = await embedder.embedQuery(question);
  let rest = performance.now() - t;
  t = performance.now();
  const hits = generation.vectorCandidates(vector, settings.vectorCandidates);
  scanMs.push(performance.now() - t);
  t = performance.now();
  passagesFromVectorHits(generation, { text: question, vector }, hits, config.BOT_SEARCH_K, settings);
  rest += performance.now() - t;
  restMs.push(rest);
}
generation.close();
let next = 0;
const nextQuestion = () => questions[next++ % questions.length] ?? "вопрос";

const run = (searchProcess: boolean) =>
  runBotUnderLoad({
    work,
    indexDir: config.INDEX_DIR,
    logDir: config.LOG_DIR,
    users: USERS,
    questionsPerUser: QUESTIONS,
    question: nextQuestion,
    env: { BOT_SEARCH_PROCESS: String(searchProcess) },
  });
const separate = await run(true);
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
    value: separate.load.latenciesMs.length / separate.load.seconds,
    unit: "answers/s",
  },
  { name: "answer latency p50", value: percentile(separate.load.latenciesMs, 50), unit: "ms" },
  { name: "answer latency p99", value: percentile(separate.load.latenciesMs, 99), unit: "ms" },
  { name: "failed answers", value: separate.load.failures, unit: `of ${total}` },
  { name: "answers citing sources", value: separate.load.withSources, unit: `of ${total}` },
  lagFigure("event-loop lag p99 under load", separate.lagP99Ms),
  { name: "index size on disk", value: library.indexBytes / MB, unit: "MB" },
  { name: "bot RSS idle (index loaded)", value: separate.idleRssMb, unit: "MB" },
  { name: "bot RSS after the load", value: separate.busyRssMb, unit: "MB" },
  { name: "search process RSS", value: separate.searchRssMb, unit: "MB" },
  {
    name: "(bot + search process) RSS / index size",
    value: (separate.busyRssMb + separate.searchRssMb) / (library.indexBytes / MB),
    unit: "×",
  },
  { name: "bot start to polling", value: separate.startSeconds, unit: "s" },
  {
    name: "BOT_SEARCH_PROCESS=false: answers/s",
    value: inLoop.load.latenciesMs.length / inLoop.load.seconds,
    unit: "answers/s",
  },
  { name: "BOT_SEARCH_PROCESS=false: latency p99", value: percentile(inLoop.load.latenciesMs, 99), unit: "ms" },
  { name: "BOT_SEARCH_PROCESS=false: failed answers", value: inLoop.load.failures, unit: `of ${total}` },
  { name: "BOT_SEARCH_PROCESS=false: event-loop lag p99", value: inLoop.lagP99Ms, unit: "ms" },
  { name: "BOT_SEARCH_PROCESS=false: bot RSS", value: inLoop.busyRssMb, unit: "MB" },
  {
    name: "BOT_SEARCH_PROCESS=false: bot RSS / index size",
    value: inLoop.busyRssMb / (library.indexBytes / MB),
    unit: "×",
  },
  { name: "FAISS scan of one query p50 (in-process)", value: percentile(scanMs, 50), unit: "ms" },
  { name: "FAISS scan of one query p99 (in-process)", value: percentile(scanMs, 99), unit: "ms" },
  { name: "rest of one search p50 (stays in the bot)", value: percentile(restMs, 50), unit: "ms" },
  { name: "rest of one search p99 (stays in the bot)", value: percentile(restMs, 99), unit: "ms" },
];
report("bot", figures, [
  `${CHUNKS} chunks × ${embedder.identity.dims} dims (offline embedder, Flat index, extractive answers, k=${config.BOT_SEARCH_K})`,
  `${USERS} users × ${QUESTIONS} questions each, closed loop, through the Telegram Bot API stand-in; first block: default BOT_SEARCH_PROCESS=true`,
  "with BOT_SEARCH_PROCESS=false every FAISS scan blocks the bot's event loop for about the in-process search time",
]);
