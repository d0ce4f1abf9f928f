// Reading the Debian thesauri (WordNet from `wordnet-base`, MyThes from `mythes-ru`) from files
// in their own formats, and starting without them: a missing file costs its synonyms and one
// log line, never the start of the process.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { loadThesaurus } from "../../src/retrieval/expansion/load-thesaurus.js";
import { parseMythes, readMythes } from "../../src/retrieval/expansion/read-mythes.js";
import { readWordnet } from "../../src/retrieval/expansion/read-wordnet.js";
import { thesaurusFromEntries } from "../../src/retrieval/expansion/thesaurus.js";
import { captureLogger } from "./capture-logger.js";

const LICENCE = "  1 This software and database is being provided to you, the LICENSEE, by\n";

/** A WordNet database in Debian's layout: "repeat" has two verb senses, "galore" an adjective marker. */
function wordnetDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "wordnet-"));
  const files: Record<string, string> = {
    "index.verb": "repeat v 2 2 @ ~ 2 1 01734520 00958352  \nreplicate v 1 1 @ 1 0 01734520  \n",
    "data.verb":
      "01734520 36 v 04 duplicate 0 double 0 repeat 0 replicate 0 000 | make or do or perform again\n" +
      "00958352 32 v 03 repeat 0 reiterate 0 take_over 0 000 | to say, state, or perform again\n",
    "index.adj": "galore a 1 0 1 0 00001740  \n",
    "data.adj": "00001740 00 s 02 galore(ip) 0 abundant 0 000 | in great numbers\n",
    "index.noun": "",
    "data.noun": "",
    "index.adv": "",
    "data.adv": "",
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), LICENCE + text);
  return dir;
}

const MYTHES = [
  "UTF-8",
  "повторять|3",
  "(синоним)|твердить|воспроизводить|снимать копию",
  "(антоним)|молчать",
  "(сходный термин)|рассказывать",
  "заплата|1",
  "(синоним)|патч",
  "",
].join("\n");

describe("WordNet", () => {
  it("gives a word the other words of its first senses' synsets, without adjective markers", () => {
    const firstSense = thesaurusFromEntries(readWordnet(wordnetDir(), 1));
    expect(firstSense.synonymsOf("repeat")).toEqual(["duplic", "doubl", "replic"]);
    expect(firstSense.synonymsOf("replic")).toEqual(["duplic", "doubl", "repeat"]);
    expect(firstSense.synonymsOf("galor")).toEqual(["abund"]);
    // The second sense adds "reiterate"; the phrase "take over" is never a synonym.
    expect(thesaurusFromEntries(readWordnet(wordnetDir(), 2)).synonymsOf("repeat")).toEqual([
      "duplic",
      "doubl",
      "replic",
      "reiter",
    ]);
  });
});

describe("MyThes", () => {
  it("reads synonym senses only: antonyms and looser terms would search for something else", () => {
    const thesaurus = thesaurusFromEntries(parseMythes(MYTHES));
    expect(thesaurus.synonymsOf("повторя")).toEqual(["тверд", "воспроизвод"]);
    expect(thesaurus.synonymsOf("заплат")).toEqual(["патч"]);
  });

  it("decodes a file by the encoding its first line names", () => {
    const dir = mkdtempSync(join(tmpdir(), "mythes-"));
    const koi8 = join(dir, "th_ru_RU.dat");
    writeFileSync(koi8, iconv.encode(MYTHES.replace("UTF-8", "KOI8-R"), "koi8-r"));
    const utf8 = join(dir, "th_ru_RU_v2.dat");
    writeFileSync(utf8, `\uFEFF${MYTHES}`);
    expect(readMythes(koi8)).toEqual(readMythes(utf8));
    expect(readMythes(utf8)[0]?.word).toBe("повторять");
  });
});

describe("loading at start", () => {
  it("serves the languages it could read and says which file is missing and how to install it", () => {
    const dir = mkdtempSync(join(tmpdir(), "thesaurus-"));
    mkdirSync(join(dir, "mythes"));
    writeFileSync(join(dir, "mythes", "th_ru_RU_v2.dat"), MYTHES);
    const log = captureLogger();
    const thesaurus = loadThesaurus(
      { wordnetDir: join(dir, "no-wordnet"), mythesRuFile: join(dir, "mythes", "th_ru_RU_v2.dat") },
      log.logger,
    );
    expect(thesaurus.synonymsOf("заплат")).toEqual(["патч"]);
    expect(thesaurus.synonymsOf("repeat")).toEqual([]);
    expect(log.lines().join("")).toMatch(
      /Тезаурус: не удалось прочитать WordNet в .*no-wordnet.*apt-get install wordnet-base/,
    );
  });

  it("starts with no synonyms at all when neither file is there", () => {
    const log = captureLogger();
    const thesaurus = loadThesaurus(
      { wordnetDir: "/nonexistent/wordnet", mythesRuFile: "/nonexistent/th.dat" },
      log.logger,
    );
    expect(thesaurus.size).toBe(0);
    expect(log.lines().filter((line) => line.includes("не удалось прочитать"))).toHaveLength(2);
  });
});
