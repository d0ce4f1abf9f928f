// `pnpm bench cluster`: answers/s of the bot with 1 and then 2 replicas behind nginx, each
// replica on its own host (network namespace, packages/cluster) with its CPU limited, under
// the same load from the Telegram host: --users (200) users asking --questions (5) questions
// each, one after another, over the webhook with Telegram's retries. The ratio of the two is
// the figure (target ≥ 1.7×). Needs root (namespaces, cgroups), like `pnpm test:cluster`.
// The library is the bot bench's synthetic one (--chunks, 100k by default, built once and kept
// in the temp folder), copied into each bot host's own INDEX_DIR; questions are made of words
// from its chunks. --small asks the e2e test library (two books) instead.
// Every answer is one message, and the replicas book their sends in Redis at
// BOT_SENDS_PER_SECOND (Telegram's limit per bot token, 25 by default): the bot as a whole
// cannot answer faster than that, however many replicas it has. The ratio means something only
// while both replicas together stay under it — hence the CPU quota low enough to keep them there.
// Two more parts, each on its own set of hosts: the time from a publish to both bot hosts serving
// it (publisher with `index serve`, bot hosts with `index follow`, at --chunks + one book), and
// ingest pages/s of one queued run with 1 and 2 worker hosts (six real PDFs from ../shared/corpus,
// each worker host at --worker-cpu % of one core, 90 by default).
// Options: --users N, --questions N, --cpu P (each replica's CPU quota, % of one core; 25),
// --chunks N, --small, --parts answers,publish,ingest (all by default). --json prints the
// figures as JSON too.
import { mkdirSync, readFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { type CpuLimit, cgroupCpuQuota, type LoadReport, pinToCore, startCluster } from "@ai-library/cluster";
import { parseConfig } from "@ai-library/shared/config";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { randomChunkTexts } from "@ai-library/shared/index";
import { ensureSyntheticLibrary } from "../../../apps/bot/bench/synthetic-library.js";
import { createTestLibrary } from "../../../apps/bot/test/e2e/test-library.js";
import { option, wholeNumberOption } from "./cli-args.js";
import { measureIngestAcrossHosts } from "./cluster/ingest-across-hosts.js";
import { measurePublishAcrossHosts } from "./cluster/publish-across-hosts.js";
import { type Figure, machineHeader, report } from "./report.js";

const USERS = wholeNumberOption("users", 200);
const QUESTIONS = wholeNumberOption("questions", 5);
// A quarter of a core: one replica then answers ~9/s at 100k chunks, so two stay under the 25/s send limit.
const CPU_PERCENT = wholeNumberOption("cpu", 25);
const CHUNKS = wholeNumberOption("chunks", 100_000);
const SMALL = process.argv.includes("--small");
const WORKER_CPU_PERCENT = wholeNumberOption("worker-cpu", 90);
const PARTS = new Set((option("parts") ?? "answers,publish,ingest").split(","));
const INGEST_BOOKS = [
  "freeculture.pdf",
  "hse-tex_linear-algebra.pdf",
  "hse-tex_mathematical-analysis.pdf",
  "hse-tex_discrete-math-02-lecture-notes.pdf",
  "TAMReview.pdf",
  "GeoTopo-komprimiert.pdf",
].map((name) => join(import.meta.dirname, "../../../../shared/corpus/pdf", name));
const SMALL_LIBRARY_QUESTIONS = [
  "Кто зажигал огонь маяка каждый вечер?",
  "Сколько камней лежит в саду монастыря Рёан-дзи?",
  "Что смотритель записывал в вахтенный журнал?",
  "Чем монахи расчёсывают белый гравий?",
  "Кто чистил линзы маяка?",
];

/** The index every bot host gets a copy of, the books folder, and the questions to ask. */
interface BenchLibrary {
  indexDir: string;
  booksDir: string;
  asked: string[];
  /** What the search process holds once it has loaded the index (0: not worth waiting for). */
  faissMb: number;
  cleanup(): void;
}

async function prepareLibrary(): Promise<BenchLibrary> {
  if (SMALL) {
    const library = await createTestLibrary();
    const ingest = await library.ingest();
    if (!ingest.published) throw new Error(`the test library was not published: ${ingest.failure}`);
    return { ...library, asked: SMALL_LIBRARY_QUESTIONS, faissMb: 0, cleanup: () => library.cleanup() };
  }
  const work = join(tmpdir(), `ai-library-bot-bench-${CHUNKS}`);
  mkdirSync(work, { recursive: true });
  const config = parseConfig({ INDEX_DIR: join(work, "index"), LOG_DIR: join(work, "logs") });
  const embedder = createLocalHashedEmbedder({ dims: config.LOCAL_EMBEDDING_DIMS });
  const synthetic = await ensureSyntheticLibrary(config.INDEX_DIR, CHUNKS, embedder, "Flat");
  const generation = await synthetic.store.open(synthetic.generationId, embedder.identity);
  const asked = randomChunkTexts(generation, 50).map((text) => text.split(" ").slice(10, 18).join(" "));
  generation.close();
  const faissMb = synthetic.faissBytes / 2 ** 20;
  return { indexDir: config.INDEX_DIR, booksDir: join(work, "books"), asked, faissMb, cleanup: () => {} };
}

/** RSS of a bot's search process (its child), 0 until it runs. */
function searchProcessRssMb(botPid: number): number {
  try {
    const child = readFileSync(`/proc/${botPid}/task/${botPid}/children`, "utf8").trim().split(" ")[0];
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child}/status`, "utf8"))?.[1];
    return Number(rss ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Until every replica's search process holds the index (as `pnpm bench bot` waits): loading it is not what is measured. */
async function untilIndexLoaded(botPids: number[], faissMb: number): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  while (botPids.some((pid) => searchProcessRssMb(pid) < 0.8 * faissMb)) {
    if (Date.now() > deadline) throw new Error("the search processes did not load the index in 10 minutes");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** A cgroup quota where the machine allows one; else each replica pinned to its own core. */
function limitFor(replicas: number) {
  return (replica: number): CpuLimit =>
    cgroupCpuQuota(`aclb-${process.pid}-r${replicas}-bot${replica + 1}`, CPU_PERCENT) ??
    pinToCore(replica % cpus().length);
}

interface Run {
  replicas: number;
  answersPerSecond: number;
  answers: number;
  seconds: number;
  limit: string;
  load: LoadReport;
}

const libraryName = SMALL ? "the e2e test library (2 books)" : `a synthetic library of ${CHUNKS} chunks (Flat)`;
console.log(`bench cluster: ${machineHeader()}; ${USERS} users × ${QUESTIONS} questions; ${libraryName}`);
const library = await prepareLibrary();

async function measure(replicas: number): Promise<Run> {
  const limits: string[] = [];
  const cluster = await startCluster({
    replicas,
    indexDir: library.indexDir,
    booksDir: library.booksDir,
    cpuLimit: (replica) => {
      const limit = limitFor(replicas)(replica);
      limits.push(limit.description);
      return limit;
    },
  });
  try {
    await untilIndexLoaded(
      cluster.bots.map((bot) => bot.process.child.pid ?? 0),
      library.faissMb,
    );
    // Warm-up: JIT and connections settle.
    await cluster.telegram.runLoad({
      users: 20,
      firstUserId: 1,
      questions: library.asked,
      questionsPerUser: 2,
      answerTimeoutMs: 60_000,
    });
    const before = (await cluster.telegram.chatCounts()).total;
    const load = await cluster.telegram.runLoad({
      users: USERS,
      firstUserId: 10_000,
      questions: library.asked,
      questionsPerUser: QUESTIONS,
      answerTimeoutMs: 120_000,
    });
    const answers = (await cluster.telegram.chatCounts()).total - before;
    const seconds = (load.lastAnswerAt - load.startedAt) / 1000;
    const run = { replicas, answersPerSecond: answers / seconds, answers, seconds, limit: limits[0] ?? "none", load };
    console.log(
      `  ${replicas} replica(s): ${answers} answers in ${seconds.toFixed(1)} s = ${run.answersPerSecond.toFixed(1)} answers/s` +
        ` (unanswered ${load.unanswered}, failed posts ${JSON.stringify(load.failedPosts)})`,
    );
    return run;
  } finally {
    await cluster.close();
  }
}

try {
  const figures: Figure[] = [];
  const notes: string[] = [];
  const runs: Omit<Run, "load">[] = [];
  if (PARTS.has("answers")) {
    const one = await measure(1);
    const two = await measure(2);
    const ratio = two.answersPerSecond / one.answersPerSecond;
    runs.push(...[one, two].map(({ load: _load, ...run }) => run));
    figures.push(
      { name: "answers/s, 1 replica", value: one.answersPerSecond, unit: "answers/s" },
      { name: "answers/s, 2 replicas", value: two.answersPerSecond, unit: "answers/s" },
      { name: "2 replicas / 1 replica", value: ratio, unit: "×", target: "≥ 1.7×", ok: ratio >= 1.7 },
    );
    notes.push(
      `each replica (bot + its search process): ${one.limit}`,
      `unlimited on the same ${cpus().length} cores: the Telegram host (load generator), nginx and Redis`,
      `${USERS} users × ${QUESTIONS} questions, each user waiting for an answer before the next; Telegram's max_connections 40; ${libraryName}`,
      "answers/s of the whole bot cannot exceed BOT_SENDS_PER_SECOND (25 by default; Telegram's limit per token), shared by the replicas through Redis",
    );
  }
  if (PARTS.has("publish")) {
    const work = join(tmpdir(), `ai-library-bench-cluster-publish-${CHUNKS}`);
    const publish = await measurePublishAcrossHosts({ chunks: CHUNKS, work });
    figures.push(
      { name: "publish → both bot hosts serving it", value: Math.max(...publish.botSeconds), unit: "s" },
      { name: "generation downloaded by each host", value: publish.generationBytes / 2 ** 20, unit: "MB" },
    );
    notes.push(
      `publish: ${publish.chunks} chunks; notice → download → sha256 of every file → LIVE → the bot's load and smoke query; per host ${publish.botSeconds.map((seconds) => seconds.toFixed(1)).join(" s, ")} s`,
    );
  }
  if (PARTS.has("ingest")) {
    const single = await measureIngestAcrossHosts({
      books: INGEST_BOOKS,
      workerHosts: 1,
      cpuPercent: WORKER_CPU_PERCENT,
    });
    const double = await measureIngestAcrossHosts({
      books: INGEST_BOOKS,
      workerHosts: 2,
      cpuPercent: WORKER_CPU_PERCENT,
    });
    figures.push(
      { name: "ingest pages/s, 1 worker host", value: single.pagesPerSecond, unit: "pages/s" },
      { name: "ingest pages/s, 2 worker hosts", value: double.pagesPerSecond, unit: "pages/s" },
      { name: "2 worker hosts / 1", value: double.pagesPerSecond / single.pagesPerSecond, unit: "×" },
    );
    notes.push(
      `ingest: ${single.books} PDFs, ${single.pages} pages, one queued run, INGEST_CONCURRENCY=1 per worker; each worker host: ${single.cpuLimit}; a book is one job, so the largest book bounds the run`,
    );
  }
  report("cluster", figures, notes);
  if (process.argv.includes("--json")) console.log(JSON.stringify({ bench: "cluster", figures, notes, runs }));
} finally {
  library.cleanup();
}
