// Measures the extractive answerer on XQuAD (ru/en): for each question the top-5 paragraphs
// from the local embedder are the passages. "Answerable" = the real library; "unanswerable"
// = the same question against a library without the question's article. Prints, per
// coverage threshold, how often an answer is given and how often it quotes the gold answer.
// Not a test. Run: npx tsx test/answer/measure-extractive-answerer.ts [path/to/shared/corpus]
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { MIN_PASSAGE_SIMILARITY } from "../../src/answer/extractive-answerer.js";
import { questionShape } from "../../src/answer/question-shape.js";
import { type ScoredSentence, scoreSentences } from "../../src/answer/score-sentences.js";
import { selectQuotes } from "../../src/answer/select-quotes.js";
import { sentenceCandidates } from "../../src/answer/sentence-candidates.js";
import { dot } from "../../src/embeddings/l2-normalise.js";
import { createLocalHashedEmbedder } from "../../src/embeddings/local-hashed-embedder.js";
import type { Passage } from "../../src/retrieval/types.js";
import { normaliseForSearch, searchTerms } from "../../src/text/index.js";

const corpus = resolve(process.argv[2] ?? resolve(import.meta.dirname, "../../../../../shared/corpus"));
const THRESHOLDS = [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6];

interface Squad {
  data: {
    title: string;
    paragraphs: { context: string; qas: { question: string; answers: { text: string }[] }[] }[];
  }[];
}

async function measure(lang: "ru" | "en") {
  const raw = readFileSync(resolve(corpus, `qa/xquad/xquad.${lang}.json`), "utf8").replace(/^\uFEFF/, "");
  const squad = JSON.parse(raw) as Squad;
  const paragraphs: { text: string; article: string }[] = [];
  const questions: { text: string; answer: string; article: string }[] = [];
  for (const article of squad.data) {
    for (const paragraph of article.paragraphs) {
      paragraphs.push({ text: paragraph.context.replace(/^\uFEFF/, ""), article: article.title });
      for (const qa of paragraph.qas) {
        questions.push({ text: qa.question, answer: qa.answers[0]?.text ?? "", article: article.title });
      }
    }
  }
  const embedder = createLocalHashedEmbedder({ dims: 384 });
  const vectors = await embedder.embedDocuments(paragraphs.map((paragraph) => paragraph.text));
  const results = { answerable: [] as { coverage: number; quoted: ScoredSentence[] }[], unanswerable: [] as number[] };
  for (const question of questions) {
    const query = await embedder.embedQuery(question.text);
    const ranked = paragraphs
      .map((paragraph, i) => ({ paragraph, score: dot(query, vectors[i] ?? query) }))
      .sort((a, b) => b.score - a.score);
    const terms = [...new Set(searchTerms(question.text))];
    const best = (pool: typeof ranked) => {
      const passages: Passage[] = pool.slice(0, 5).map(({ paragraph, score }, position) => ({
        bookId: paragraph.article,
        title: paragraph.article,
        file: "xquad",
        position,
        text: paragraph.text,
        score,
      }));
      const { sentences, blocksOf } = sentenceCandidates(passages);
      const shape = questionShape(question.text);
      const scored = scoreSentences(terms, sentences, passages, { shape, blocksOf }).filter(
        (sentence) => (passages[sentence.passageIndex]?.score ?? 0) >= MIN_PASSAGE_SIMILARITY,
      );
      return scored;
    };
    const scored = best(ranked);
    results.answerable.push({ coverage: scored[0]?.coverage ?? 0, quoted: scored });
    results.unanswerable.push(
      best(ranked.filter((entry) => entry.paragraph.article !== question.article))[0]?.coverage ?? 0,
    );
  }
  for (const threshold of THRESHOLDS) {
    const answered = results.answerable.filter((result) => result.coverage >= threshold);
    const quotesGold = results.answerable.filter((result, i) =>
      selectQuotes(result.quoted, threshold).some((quote) =>
        normaliseForSearch(quote.text).includes(normaliseForSearch(questions[i]?.answer ?? "\u0000")),
      ),
    );
    console.log(
      lang,
      `coverage≥${threshold}`,
      `answered ${(answered.length / questions.length).toFixed(3)}`,
      `quotes gold ${(quotesGold.length / questions.length).toFixed(3)}`,
      `answered without the article ${(results.unanswerable.filter((c) => c >= threshold).length / questions.length).toFixed(3)}`,
    );
  }
}

for (const lang of ["ru", "en"] as const) await measure(lang);
