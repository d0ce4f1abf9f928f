// Reads the installed thesauri once, when a process starts, into one Thesaurus that is then
// passed to the retriever. Nothing is downloaded: the files come from Debian packages
// (scripts/setup-system.sh). A missing or unreadable file costs its language's synonyms and
// one log line, never the start of the process.
import type { Logger } from "../../logging/index.js";
import { readMythes } from "./read-mythes.js";
import { readWordnet } from "./read-wordnet.js";
import { EMPTY_THESAURUS, type SynonymEntry, type Thesaurus, thesaurusFromEntries } from "./thesaurus.js";

export interface ThesaurusFiles {
  /** Directory of the WordNet database (`wordnet-base`): English synonyms. */
  wordnetDir: string;
  /** MyThes .dat file (`mythes-ru`): Russian synonyms. */
  mythesRuFile: string;
}

/** Where Debian's `wordnet-base` and `mythes-ru` put their files. */
export const DEBIAN_THESAURUS_FILES: Readonly<ThesaurusFiles> = Object.freeze({
  wordnetDir: "/usr/share/wordnet",
  mythesRuFile: "/usr/share/mythes/th_ru_RU_v2.dat",
});

function readOrWarn(
  what: string,
  read: () => SynonymEntry[],
  logger: Pick<Logger, "warn">,
  install: string,
): SynonymEntry[] {
  try {
    return read();
  } catch (error) {
    logger.warn(
      `Тезаурус: не удалось прочитать ${what} (${(error as Error).message}); поиск идёт без его синонимов. ` +
        `Установите: apt-get install ${install}`,
    );
    return [];
  }
}

export function loadThesaurus(files: ThesaurusFiles, logger: Pick<Logger, "warn" | "info">): Thesaurus {
  const started = performance.now();
  const english = readOrWarn(
    `WordNet в ${files.wordnetDir}`,
    () => readWordnet(files.wordnetDir),
    logger,
    "wordnet-base",
  );
  const russian = readOrWarn(`MyThes ${files.mythesRuFile}`, () => readMythes(files.mythesRuFile), logger, "mythes-ru");
  if (english.length === 0 && russian.length === 0) return EMPTY_THESAURUS;
  const thesaurus = thesaurusFromEntries([...english, ...russian]);
  logger.info(`Тезаурус загружен: терминов с синонимами ${thesaurus.size}`, {
    english: english.length,
    russian: russian.length,
    ms: Math.round(performance.now() - started),
  });
  return thesaurus;
}
