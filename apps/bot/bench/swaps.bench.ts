// `pnpm bench swaps`: RSS of the real bot process and of its search process across 10 hot
// swaps. The synthetic library of `pnpm bench bot` (100k chunks) is copied into a fresh
// INDEX_DIR; then, while users keep asking, a new generation goes live 10 times in a row (a
// copy of the last one under a new id, as a publish would leave it) and the bot follows each
// by polling. After each swap, once the bot serves the new generation and its in-flight
// questions are done, /status gives both RSS figures. No growth = the mean of the last three
// swaps within NOISE of the mean of the first three, for the bot and for the search process.
// Options: --chunks=N (default 100000), --swaps=N (10), --users=N (8).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { newGenerationId, openIndexStore, sealManifest } from "@ai-library/shared/index";
import { startTelegramStandin, type UserSpec } from "@ai-library/standins/telegram";
import { wholeNumberOption } from "../../../packages/bench/src/cli-args.js";
import { type Figure, machineHeader, report } from "../../../packages/bench/src/report.js";
import { startBotProcess } from "../test/e2e/bot-process.js";
import { removeRedisKeys } from "../test/e2e/scenario.js";
import { readStatus } from "./read-status.js";
import { createTextGenerator, ensureSyntheticLibrary } from "./synthetic-library.js";

const CHUNKS = wholeNumberOption("chunks", 100_000);
const SWAPS = wholeNumberOption("swaps", 10);
const USERS = wholeNumberOption("users", 8);
// RSS of a busy process moves by a few percent on its own (allocator, heap growth between
// collections); one leaked generation at 100k chunks is +150 MB, i.e. +40–70 %.
const NOISE = 0.1;
const ADMIN: UserSpec = { id: 1, languageCode: "en" };
const FAILED_REPLY = /произошла ошибка|Не успел найти ответ|библиотека пока пуста/;
const MB = 2 ** 20;

const embedder = createLocalHashedEmbedder({ dims: 384 });
const cacheDir = join(tmpdir(), `ai-library-bot-bench-${CHUNKS}`, "index");
console.log(`bench swaps: ${machineHeader()}; ${SWAPS} swaps of a ${CHUNKS}-chunk generation`);
const library = await ensureSyntheticLibrary(cacheDir, CHUNKS, embedder);

const work = mkdtempSync(join(tmpdir(), "bench-swaps-"));
const indexDir = join(work, "index");
const store = openIndexStore(indexDir);
/** A copy of the generation in `fromDir` under a new id, made live (the bot sees it on its next poll). */
function publishCopy(fromDir: string): string {
  const id = newGenerationId();
  const dir = store.generationDir(id);
  cpSync(fromDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
  // Sealed again: the manifest carries a checksum of itself, and a stale one is a refused generation.
  writeFileSync(join(dir, "manifest.json"), sealManifest({ ...manifest, id, createdAt: new Date().toISOString() }));
  store.setLive(id);
  return id;
}
const generations = [publishCopy(library.store.generationDir(library.generationId))];

const generator = createTextGenerator(7);
const question = () => generator.chunkText().split(" ").slice(0, 8).join(" ");
const standin = await startTelegramStandin();
const bot = startBotProcess(
  {
    TELEGRAM_BOT_TOKEN: standin.token,
    TELEGRAM_API_ROOT: standin.apiRoot,
    INDEX_DIR: indexDir,
    LOG_DIR: join(work, "logs"),
    ADMIN_USER_IDS: String(ADMIN.id),
    RATE_LIMIT_PER_MINUTE: "10000",
    INDEX_POLL_SECONDS: "1",
    QUEUE_PREFIX: "bench-swaps",
    BOT_METRICS_PORT: "0",
  },
  { cwd: work },
);
const rows: { id: string; botMb: number; searchMb: number }[] = [];
let asked = 0;
let failed = 0;
let idle = { rssMb: 0, searchRssMb: 0 };
try {
  await standin.waitFor(() => standin.callsOf("getUpdates").length > 0 || bot.child.exitCode !== null, {
    timeoutMs: 180_000,
    what: "the bot to start",
  });
  if (bot.child.exitCode !== null) throw new Error(`the bot exited at start:\n${bot.output().slice(-3000)}`);
  const servingNow = async (id: string) => {
    const since = standin.sentMessages(ADMIN.id).length;
    standin.sendText(ADMIN, "/about");
    const about = await standin.waitFor(() => standin.sentMessages(ADMIN.id)[since], { timeoutMs: 30_000 });
    return about.text.includes(id);
  };
  const waitServing = async (id: string) => {
    const deadline = Date.now() + 120_000;
    while (!(await servingNow(id))) {
      if (Date.now() > deadline) throw new Error(`the bot did not switch to ${id}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  const settled = async () => {
    // The search process opened the new generation before the bot swapped and closes the old
    // one once its last search is done: wait until it holds an index and its RSS stops moving.
    const deadline = Date.now() + 120_000;
    let previous = await readStatus(standin, ADMIN);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const status = await readStatus(standin, ADMIN);
      const steady = Math.abs(status.searchRssMb - previous.searchRssMb) <= 0.03 * previous.searchRssMb;
      if ((steady && status.searchRssMb >= library.faissBytes / MB) || Date.now() > deadline) return status;
      previous = status;
    }
  };
  await waitServing(generations[0] ?? "");
  const before = await settled();
  console.log(`  before any swap: bot ${before.rssMb} MB, search process ${before.searchRssMb} MB`);

  // Users ask all the time, so every swap happens with questions in flight.
  let stop = false;
  const waiting = new Map<number, () => void>();
  const unsubscribe = standin.onSent((message) => waiting.get(message.chatId)?.());
  const askLoop = async (user: UserSpec) => {
    while (!stop) {
      const since = standin.sentMessages(user.id).length;
      const reply = new Promise<void>((resolve) => waiting.set(user.id, resolve));
      standin.sendText(user, question());
      await Promise.race([reply, new Promise((resolve) => setTimeout(resolve, 60_000))]);
      asked += 1;
      const text = standin.sentMessages(user.id)[since]?.text ?? "";
      if (text === "" || FAILED_REPLY.test(text)) failed += 1;
    }
  };
  const users = Promise.all(Array.from({ length: USERS }, (_, n) => askLoop({ id: 100 + n, languageCode: "ru" })));
  for (let swap = 1; swap <= SWAPS; swap++) {
    const id = publishCopy(store.generationDir(generations.at(-1) ?? ""));
    generations.push(id);
    await waitServing(id);
    // Questions that started on the old generation finish within a few seconds.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const status = await settled();
    rows.push({ id, botMb: status.rssMb, searchMb: status.searchRssMb });
    console.log(`  swap ${swap}: bot ${status.rssMb} MB, search process ${status.searchRssMb} MB (live ${id})`);
    // Retention: older copies go, as `INDEX_KEEP_GENERATIONS` would prune them.
    for (const old of generations.slice(0, -3)) rmSync(store.generationDir(old), { recursive: true, force: true });
  }
  stop = true;
  await users;
  unsubscribe();
  // Without questions the search process's heap shrinks back: what is left is the index.
  await new Promise((resolve) => setTimeout(resolve, 5000));
  idle = await settled();
  console.log(`  idle after the swaps: bot ${idle.rssMb} MB, search process ${idle.searchRssMb} MB`);
} finally {
  await bot.stop();
  await standin.close();
  await removeRedisKeys("bench-swaps");
  rmSync(work, { recursive: true, force: true });
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const growth = (pick: (row: (typeof rows)[number]) => number) =>
  mean(rows.slice(-3).map(pick)) / mean(rows.slice(0, 3).map(pick));
const botGrowth = growth((row) => row.botMb);
const searchGrowth = growth((row) => row.searchMb);
const noGrowth = (value: number) => value <= 1 + NOISE;
const figures: Figure[] = [
  ...rows.flatMap((row, at) => [
    { name: `swap ${at + 1}: bot RSS`, value: row.botMb, unit: "MB" },
    { name: `swap ${at + 1}: search process RSS`, value: row.searchMb, unit: "MB" },
  ]),
  {
    name: "bot RSS, last 3 swaps / first 3",
    value: botGrowth,
    unit: "×",
    target: `≤ ${1 + NOISE}`,
    ok: noGrowth(botGrowth),
  },
  {
    name: "search process RSS, last 3 swaps / first 3",
    value: searchGrowth,
    unit: "×",
    target: `≤ ${1 + NOISE}`,
    ok: noGrowth(searchGrowth),
  },
  { name: "idle after the swaps: bot RSS", value: idle.rssMb, unit: "MB" },
  { name: "idle after the swaps: search process RSS", value: idle.searchRssMb, unit: "MB" },
  { name: "index.faiss of one generation", value: library.faissBytes / MB, unit: "MB" },
  { name: "questions asked during the swaps", value: asked, unit: "" },
  { name: "failed answers", value: failed, unit: `of ${asked}`, target: "0", ok: failed === 0 },
];
report("swaps", figures, [
  `${CHUNKS} chunks (Flat), ${USERS} users asking continuously; a swap = a new live generation picked up by the bot's 1 s poll`,
  `"no growth": mean RSS of the last 3 swaps ≤ ${1 + NOISE}× the first 3 (one leaked generation would add ~${Math.round(library.faissBytes / MB)} MB per swap)`,
]);
