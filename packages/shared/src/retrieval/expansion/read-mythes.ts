// Russian synonyms from a MyThes thesaurus as Debian installs it (`mythes-ru`,
// /usr/share/mythes/th_ru_RU_v2.dat, the LibreOffice thesaurus format): a line names its
// encoding, then each headword "слово|N" is followed by N sense lines "(синоним)|…|…".
// Only synonym senses are read: "(антоним)" would search for the opposite, and "(сходный
// термин)" / "(связанный термин)" are looser than a synonym.
import { readFileSync } from "node:fs";
import type { SynonymEntry } from "./thesaurus.js";

/** Sense lines of a headword that are read (they are listed commonest first). */
const MYTHES_SENSES = 3;
const SYNONYM_LABEL = "(синоним)";

/** Decodes the file by the encoding its first line names (UTF-8 today, KOI8-R in old releases). */
function decodeThesaurus(bytes: Buffer): string {
  const firstLine = bytes.subarray(0, 64).toString("latin1").split(/\r?\n/, 1)[0] ?? "";
  // Read as Latin-1, a UTF-8 byte order mark is these three characters.
  const named = firstLine.replace(/^\xEF\xBB\xBF/, "").trim() || "utf-8";
  return new TextDecoder(named).decode(bytes);
}

export function parseMythes(text: string, senses = MYTHES_SENSES): SynonymEntry[] {
  const lines = text.split(/\r?\n/);
  const entries: SynonymEntry[] = [];
  // Line 0 is the encoding.
  for (let at = 1; at < lines.length; ) {
    const [headword = "", countText = "0"] = (lines[at] ?? "").split("|");
    const count = Number.parseInt(countText, 10) || 0;
    const synonyms = lines
      .slice(at + 1, at + 1 + count)
      .filter((line) => line.startsWith(SYNONYM_LABEL))
      .slice(0, senses)
      .flatMap((line) => line.split("|").slice(1))
      .map((synonym) => synonym.trim().toLowerCase())
      .filter((synonym) => synonym.length > 0);
    if (headword && synonyms.length > 0) entries.push({ word: headword.toLowerCase(), synonyms });
    at += 1 + count;
  }
  return entries;
}

/** Every headword of a MyThes .dat file with its synonyms. Throws when the file is missing. */
export function readMythes(path: string, senses = MYTHES_SENSES): SynonymEntry[] {
  return parseMythes(decodeThesaurus(readFileSync(path)), senses);
}
