// Known texts for scanned-book tests, and the OCR plan they run with: the real one from the
// configuration. Tesseract is installed by scripts/setup-system.sh; when it is missing the plan
// says so and the tests fail with that reason instead of being skipped.
import { expect } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { type OcrPlan, type OcrSettings, ocrPlanFromConfig } from "../../src/loaders/ocr/ocr-settings.js";

export const RUSSIAN_PAGE =
  "Смотритель маяка каждый вечер поднимался по винтовой лестнице и зажигал лампу для кораблей. " +
  "Зимой море замерзало у берега, и тогда он записывал в журнал толщину льда и направление ветра.\n\n" +
  "Весной прилетали птицы, и остров наполнялся голосами. Смотритель считал гнёзда на скалах и " +
  "отмечал на карте, где пара крачек вывела птенцов в этом году.";

export const ENGLISH_PAGE =
  "The keeper of the lighthouse climbed the spiral stairs every evening and lit the lamp for the ships. " +
  "In winter the sea froze along the shore, and he wrote the thickness of the ice and the wind into the log.\n\n" +
  "In spring the birds came back and the island filled with their voices. The keeper counted the nests " +
  "on the cliffs and marked on his map where a pair of terns had raised their young this year.";

export const HONEY_PAGE =
  "Липовый мёд собирают в июле, когда цветут старые липы вдоль дороги к пасеке. " +
  "Пчеловод открывает ульи рано утром, пока пчёлы ещё не разлетелись по полям.";

/** The plan the ingest would use, with this run's cache folder and test-sized limits. */
export function ocrPlanForTests(cacheDir: string, overrides: Partial<OcrSettings> = {}): OcrPlan {
  const plan = ocrPlanFromConfig(parseConfig({ OCR_CONCURRENCY: "2" }), cacheDir);
  if (!plan.enabled) {
    // Not a skip: the machine lacks what setup installs, and every OCR test must say so.
    expect.fail(`OCR is not available here: ${plan.reason}. Run bash scripts/setup-system.sh.`);
  }
  return { enabled: true, settings: { ...plan.settings, ...overrides } };
}

export const OCR_TEST_TIMEOUT = 300_000;
