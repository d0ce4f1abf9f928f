// Passages for answerer tests: real-looking book text, cited by title and page.
import type { Passage } from "../../src/retrieval/types.js";

export function passage(text: string, overrides: Partial<Passage> = {}): Passage {
  return {
    bookId: "b".repeat(64),
    title: "Test Book",
    file: "test-book.pdf",
    page: 1,
    position: 0,
    text,
    score: 0.4,
    ...overrides,
  };
}

export const lighthouseRu = passage(
  "Маяк стоял на скалистом мысу уже двести лет. Каждый вечер смотритель поднимался по винтовой лестнице. " +
    "Смотритель маяка зажигал лампу ровно в восемь часов вечера, чтобы корабли могли обойти рифы. " +
    "Утром он записывал в журнал погоду и число прошедших судов.",
  { title: "Записки смотрителя", page: 12 },
);

export const gardenRu = passage(
  "Сад был разбит при доме ещё прадедом. Яблони цвели в мае, а осенью урожай собирали всей семьёй. " +
    "Варенье из крыжовника варили в медном тазу.",
  { title: "Старый сад", page: 3, score: 0.2 },
);

export const lighthouseEn = passage(
  "The lighthouse stood on a rocky cape for two hundred years. Every evening the keeper climbed the spiral stairs. " +
    "The keeper lit the lamp at exactly eight o'clock so that ships could avoid the reefs. " +
    "In the morning he wrote the weather and the number of passing ships in the log.",
  { title: "A Keeper's Notes", page: 7 },
);

export const gardenEn = passage(
  "The garden was laid out by his great-grandfather. The apple trees blossomed in May and the harvest was gathered in autumn.",
  { title: "The Old Garden", page: 2, score: 0.2 },
);
