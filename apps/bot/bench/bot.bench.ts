// `pnpm bench bot`: the real bot process against the Telegram Bot API stand-in, serving a
// synthetic library (100k chunks by default; `--chunks=1000000` for the issue's million) with
// the offline embedder and extractive answerer. Prints answers/s and p50/p99 latency with 32
// concurrent users, the bot's event-loop lag p99 meanwhile (target ≤ 50 ms) and RSS (bot +
// search process) against the index size — with the search in the search process (the
// default) and, up to 100k chunks, for comparison in the bot's own thread
// (BOT_SEARCH_PROCESS=false) — plus what one search costs in-process. That comparison is also
// "one load": the whole service holding the index once, which bot + search process should
// stay near (target ≤ 1.15×, judged on RSS sampled over the load: one reading after it varies
// by ±15 MB with the bot's garbage collector).
// Options: --chunks=N (default 100000), --factory=F (default Flat; IVF1024,Flat from 200k
// chunks, as docs/performance.md recommends), --users=N (32), --questions=N per user (15).
// --dialogues: every user alternates a new question and a follow-up that refers back to it
// («А что ещё об этом?»: read from the conversation memory in Redis, searched with the earlier
// topic), and the follow-ups' p50/p99 are set against the new questions' of the same run
// (target: p99 at most 10% higher); the in-bot comparison is skipped.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "@ai-library/shared/config";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { randomChunkTexts } from "@ai-library/shared/index";
import { passagesFromVectorHits, retrievalSettingsFromConfig } from "@ai-library/shared/retrieval";
import { option, wholeNumberOption } from "../../../packages/bench/src/cli-args.js";
import { type Figure, machineHeader, report } from "../../../packages/bench/src/report.js";
import { percentile } from "./drive-users.js";
import { runBotUnderLoad } from "./run-bot-under-load.js";
import { ensureSyntheticLibrary } from "./synthetic-library.js";

const CHUNKS = wholeNumberOption("chunks", 100_000);
const FACTORY = option("factory") ?? (CHUNKS >= 200_000 ? "IVF1024,Flat" : "Flat");
// The in-bot comparison blocks the event loop by design; at a million chunks it only costs time.
const DIALOGUES = process.argv.includes("--dialogues");
const COMPARE_IN_BOT = CHUNKS <= 100_000 && !DIALOGUES;
const USERS = wholeNumberOption("users", 32);
const QUESTIONS = wholeNumberOption("questions", 15);
const MB = 2 ** 20;

const work = join(
  tmpdir(),
  `ai-library-bot-bench-${CHUNKS}${FACTORY === "Flat" ? "" : `-${FACTORY.replace(/[^A-Za-z0-9]+/g, "-")}`}`,
);
mkdirSync(work, { recursive: true });
const config = parseConfig({ INDEX_DIR: join(work, "index"), LOG_DIR: join(work, "logs") });
const embedder = createLocalHashedEmbedder({ dims: config.LOCAL_EMBEDDING_DIMS });
console.log(`bench bot: ${machineHeader()}; library of ${CHUNKS} chunks (${FACTORY}) in ${work}`);
const started = performance.now();
const library = await ensureSyntheticLibrary(config.INDEX_DIR, CHUNKS, embedder, FACTORY);
console.log(
  `  library ${library.built ? "built" : "reused"} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

// Questions made of words from real chunks, so most have answers; and the in-process cost.
const generation = await library.store.open(library.generationId, embedder.identity);
const questions = randomChunkTexts(generation, 400).map((text) => text.split(" ").slice(10, 18).join(" "));
// What one search costs in-process: the FAISS scan, the rest (keyword candidates, fusion,
// passages), and the embedding of the question — the only part that stays in the bot.
const settings = retrievalSettingsFromConfig(config);
const scanMs: number[] = [];
const restMs: number[] = [];
const embedMs: number[] = [];
for (const question of questions.slice(0, 200)) {
  let t = performance.now();
  const vector = await embedder.embedQuery(question);
  embedMs.push(performance.now() - t);
  t = performance.now();
  const hits = generation.vectorCandidates(vector, settings.vectorCandidates);
  scanMs.push(performance.now() - t);
  t = performance.now();
  passagesFromVectorHits(generation, { text: question, vector }, hits, config.BOT_SEARCH_K, settings);
  restMs.push(performance.now() - t);
}
generation.close();
let next = 0;
const newQuestion = () => questions[next++ % questions.length] ?? "вопрос";
/** Refers back («этом»), so the bot reads the memory and searches with the earlier topic. */
const FOLLOW_UP = "А что ещё сказано об этом?";
const nextQuestion = (_userId: number, asked: number) => (DIALOGUES && asked % 2 === 1 ? FOLLOW_UP : newQuestion());

const run = (searchProcess: boolean) =>
  runBotUnderLoad({
    work,
    indexDir: config.INDEX_DIR,
    logDir: config.LOG_DIR,
    users: USERS,
    questionsPerUser: QUESTIONS,
    question: nextQuestion,
    env: { BOT_SEARCH_PROCESS: String(searchProcess) },
    // Measure once the search process holds the index (it opens it before the bot serves it).
    ...(searchProcess ? { searchProcessReadyMb: (0.8 * library.faissBytes) / MB } : {}),
  });
const separate = await run(true);
const inLoop = COMPARE_IN_BOT ? await run(false) : undefined;

const total = USERS * QUESTIONS;
const lagFigure = (name: string, value: number): Figure => ({
  name,
  value,
  unit: "ms",
  target: "≤ 50 ms",
  ok: value <= 50,
});
const latencyOf = (followUps: boolean) =>
  separate.load.samples.filter((sample) => (sample.asked % 2 === 1) === followUps).map((sample) => sample.ms);
const dialogueFigures = (): Figure[] => {
  const single = latencyOf(false);
  const followUp = latencyOf(true);
  const ratio = percentile(followUp, 99) / percentile(single, 99);
  return [
    { name: "new questions: latency p50", value: percentile(single, 50), unit: "ms" },
    { name: "new questions: latency p99", value: percentile(single, 99), unit: "ms" },
    { name: "follow-ups (memory + context): latency p50", value: percentile(followUp, 50), unit: "ms" },
    { name: "follow-ups (memory + context): latency p99", value: percentile(followUp, 99), unit: "ms" },
    { name: "follow-up p99 / new question p99", value: ratio, unit: "×", target: "≤ 1.10×", ok: ratio <= 1.1 },
    {
      name: "follow-ups answered in context",
      value: separate.load.inContext,
      unit: `of ${followUp.length}`,
    },
  ];
};
const figures: Figure[] = [
  ...(DIALOGUES ? dialogueFigures() : []),
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
  { name: "bot RSS idle (generation served)", value: separate.idleRssMb, unit: "MB" },
  { name: "bot RSS after the load", value: separate.busyRssMb, unit: "MB" },
  { name: "search process RSS", value: separate.searchRssMb, unit: "MB" },
  {
    name: "(bot + search process) RSS / index size",
    value: (separate.busyRssMb + separate.searchRssMb) / (library.indexBytes / MB),
    unit: "×",
  },
  ...(inLoop
    ? [
        {
          name: "(bot + search process) RSS / one load, after the load",
          value: (separate.busyRssMb + separate.searchRssMb) / inLoop.busyRssMb,
          unit: "×",
        },
        {
          name: "(bot + search process) mean RSS under load",
          value: separate.loadRssMb + separate.loadSearchRssMb,
          unit: "MB",
        },
        { name: "one load: mean RSS under load", value: inLoop.loadRssMb, unit: "MB" },
        {
          name: "(bot + search process) RSS / one load, mean under load",
          value: (separate.loadRssMb + separate.loadSearchRssMb) / inLoop.loadRssMb,
          unit: "×",
          target: "≤ 1.15×",
          ok: separate.loadRssMb + separate.loadSearchRssMb <= 1.15 * inLoop.loadRssMb,
        },
      ]
    : []),
  {
    name: "bot + search process PSS (shared pages split)",
    value: separate.busyPssMb + separate.searchPssMb,
    unit: "MB",
  },
  ...(inLoop
    ? [
        {
          name: "(bot + search process) PSS / one load PSS",
          value: (separate.busyPssMb + separate.searchPssMb) / inLoop.busyPssMb,
          unit: "×",
        },
      ]
    : []),
  { name: "bot start to polling", value: separate.startSeconds, unit: "s" },
  { name: "searches the bot ran itself (fallback)", value: separate.fallbacks, unit: "" },
  ...(inLoop
    ? [
        {
          name: "BOT_SEARCH_PROCESS=false: answers/s",
          value: inLoop.load.latenciesMs.length / inLoop.load.seconds,
          unit: "answers/s",
        },
        {
          name: "BOT_SEARCH_PROCESS=false: latency p99",
          value: percentile(inLoop.load.latenciesMs, 99),
          unit: "ms",
        },
        { name: "BOT_SEARCH_PROCESS=false: failed answers", value: inLoop.load.failures, unit: `of ${total}` },
        { name: "BOT_SEARCH_PROCESS=false: event-loop lag p99", value: inLoop.lagP99Ms, unit: "ms" },
        { name: "BOT_SEARCH_PROCESS=false: bot RSS", value: inLoop.busyRssMb, unit: "MB" },
        {
          name: "BOT_SEARCH_PROCESS=false: bot RSS / index size",
          value: inLoop.busyRssMb / (library.indexBytes / MB),
          unit: "×",
        },
      ]
    : []),
  { name: "FAISS scan of one query p50 (in-process)", value: percentile(scanMs, 50), unit: "ms" },
  { name: "FAISS scan of one query p99 (in-process)", value: percentile(scanMs, 99), unit: "ms" },
  { name: "keyword + fusion + passages p50 (in-process)", value: percentile(restMs, 50), unit: "ms" },
  { name: "keyword + fusion + passages p99 (in-process)", value: percentile(restMs, 99), unit: "ms" },
  { name: "question embedding p99 (stays in the bot)", value: percentile(embedMs, 99), unit: "ms" },
];
// The default run is `bot`; other sizes get their own results file, e.g. bench-results/bot-1000000.json.
const resultsName = `bot${DIALOGUES ? "-dialogues" : ""}${CHUNKS === 100_000 && FACTORY === "Flat" ? "" : `-${CHUNKS}`}`;
report(resultsName, figures, [
  `${CHUNKS} chunks × ${embedder.identity.dims} dims (offline embedder, ${FACTORY} index, hybrid search, extractive answers, k=${config.BOT_SEARCH_K})`,
  `${USERS} users × ${QUESTIONS} questions each, closed loop, through the Telegram Bot API stand-in; first block: default BOT_SEARCH_PROCESS=true (whole search in the search process)`,
  "with BOT_SEARCH_PROCESS=false every search (FAISS scan + keyword + passages) blocks the bot's event loop for the in-process time",
  "one load = the bot's RSS (PSS) with BOT_SEARCH_PROCESS=false: the index held once, by one process, under the same load",
  `search process started as: node ${separate.searchProcessScript ?? "(none found)"}`,
]);
