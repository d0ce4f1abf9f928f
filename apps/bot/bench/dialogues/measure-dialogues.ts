// Two-turn dialogues over real books (dialogues.json), answered the way the bot answers them:
// hybrid search at k=5 and the offline extractive answerer. The second turn is asked twice,
// alone (the bot before conversation memory) and as the bot now asks it (followUpOf on the
// remembered first turn), and "contains" says whether the answer holds the expected text.
// Topic changes check that memory does not hurt a question that starts a new topic.
// Usage (an index built from the Debian books of scripts/fetch-eval-books.sh, see docs/bot.md):
//   pnpm exec tsx apps/bot/bench/dialogues/measure-dialogues.ts <INDEX_DIR>
import { readFileSync } from "node:fs";
import { answerFromPassages } from "@ai-library/shared/answer";
import { parseConfig } from "@ai-library/shared/config";
import { createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { openIndexStore } from "@ai-library/shared/index";
import { createLogger } from "@ai-library/shared/logging";
import { createLiveLibrary, retrievalSettingsFromConfig, type SearchOptions } from "@ai-library/shared/retrieval";
import { detectLanguage } from "@ai-library/shared/text";
import { type FollowUp, followUpOf, questionToAnswer } from "../../src/conversation/follow-up.js";
import { rememberTurn } from "../../src/conversation/remember-turn.js";

interface Dialogue {
  id: string;
  turns: [string, string];
  expect: string;
  match: "code" | "prose";
}

/** As packages/eval's answer-contains.ts: quotes and fences dropped, dashes and spaces folded. */
function contains(answer: string, expected: string, match: Dialogue["match"]): boolean {
  const fold = (text: string) => {
    const plain = text
      .replace(/```[^\n]*\n?/g, " ")
      .replace(/\u00AD/g, "")
      .replace(/[«»“”„‟"'‘’‚‛`´]/g, "")
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      .replace(/\s+/g, " ")
      .trim();
    return match === "prose" ? plain.toLowerCase() : plain;
  };
  return fold(answer).includes(fold(expected));
}

const indexDir = process.argv[2];
if (!indexDir) throw new Error("usage: measure-dialogues.ts <INDEX_DIR>");
const set = JSON.parse(readFileSync(new URL("./dialogues.json", import.meta.url), "utf8")) as {
  followUps: Dialogue[];
  topicChanges: Dialogue[];
};
const config = parseConfig({ INDEX_DIR: indexDir, LOG_DIR: `${indexDir}/../logs` });
const logger = createLogger({ service: "dialogues", level: "warn", dir: config.LOG_DIR, console: true });
const library = createLiveLibrary({
  store: openIndexStore(indexDir),
  embedder: createEmbedderFromConfig(config, { logger }),
  logger,
  retrieval: retrievalSettingsFromConfig(config),
});
await library.reloadIfChanged();

const ask = async (question: string, followUp?: FollowUp) => {
  const options: SearchOptions = followUp ? { context: followUp.context } : {};
  const { passages } = await library.search(question, config.BOT_SEARCH_K, options);
  return answerFromPassages(
    questionToAnswer(question, followUp, passages[0]?.text),
    passages,
    detectLanguage(question),
  );
};

for (const [name, dialogues] of [
  ["follow-ups", set.followUps],
  ["topic changes", set.topicChanges],
] as const) {
  let before = 0;
  let after = 0;
  for (const dialogue of dialogues) {
    const [first, second] = dialogue.turns;
    const firstTurn = rememberTurn(first, undefined, await ask(first));
    const followUp = followUpOf(second, firstTurn);
    const alone = contains((await ask(second)).text, dialogue.expect, dialogue.match);
    const withMemory = contains((await ask(second, followUp)).text, dialogue.expect, dialogue.match);
    before += alone ? 1 : 0;
    after += withMemory ? 1 : 0;
    console.log(
      `${dialogue.id.padEnd(28)} alone ${alone ? "yes" : "no "}  with memory ${withMemory ? "yes" : "no "}  ${followUp ? `context: ${followUp.topic}` : "searched alone"}`,
    );
  }
  console.log(
    `${name}: second turn contains the answer — alone ${before}/${dialogues.length}, with memory ${after}/${dialogues.length}\n`,
  );
}
library.close();
