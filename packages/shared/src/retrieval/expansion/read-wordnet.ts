// English synonyms from Princeton WordNet as Debian installs it (`wordnet-base`,
// /usr/share/wordnet): each word's synonyms are the other words of its synsets. Only a word's
// first senses count: WordNet lists senses by how often they occur in tagged text, and the
// rare ones ("repeat" as "take over", "double" as "bend over") bring noise, not recall.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SynonymEntry } from "./thesaurus.js";

/** WordNet's parts of speech, as its files are named. */
const PARTS_OF_SPEECH = ["noun", "verb", "adj", "adv"] as const;
/** Senses of a word (per part of speech) whose synsets give synonyms. */
const WORDNET_SENSES = 3;

/** "ice_cream" → "ice cream"; adjective markers ("galore(ip)") dropped. */
const lemmaText = (lemma: string) =>
  lemma
    .replace(/\([a-z]+\)$/, "")
    .replace(/_/g, " ")
    .toLowerCase();

/** Lines of a WordNet database file without its licence header (lines starting with two spaces). */
function databaseLines(path: string): string[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.length > 0 && !line.startsWith("  "));
}

/** data.<pos>: synset offset → its words. Line: offset lex_filenum ss_type w_cnt(hex) word lex_id … */
function readSynsets(path: string): Map<string, string[]> {
  const synsets = new Map<string, string[]>();
  for (const line of databaseLines(path)) {
    const fields = line.split(" ");
    const count = Number.parseInt(fields[3] ?? "0", 16);
    const words: string[] = [];
    for (let at = 0; at < count; at++) words.push(lemmaText(fields[4 + 2 * at] ?? ""));
    synsets.set(fields[0] ?? "", words);
  }
  return synsets;
}

/**
 * index.<pos>: a word's synsets, most frequent sense first. Line: lemma pos synset_cnt p_cnt
 * [pointer symbols] sense_cnt tagsense_cnt offset…; the offsets are the last synset_cnt fields.
 */
function* readSenses(path: string, synsets: Map<string, string[]>, senses: number): Generator<SynonymEntry> {
  for (const line of databaseLines(path)) {
    const fields = line.trim().split(" ");
    const word = lemmaText(fields[0] ?? "");
    const count = Number.parseInt(fields[2] ?? "0", 10);
    const offsets = fields.slice(fields.length - count, fields.length - count + senses);
    const synonyms = offsets.flatMap((offset) => (synsets.get(offset) ?? []).filter((other) => other !== word));
    if (synonyms.length > 0) yield { word, synonyms };
  }
}

/** Every WordNet word with the synonyms of its first `senses` senses. Throws when a file is missing. */
export function readWordnet(dir: string, senses = WORDNET_SENSES): SynonymEntry[] {
  return PARTS_OF_SPEECH.flatMap((pos) => [
    ...readSenses(join(dir, `index.${pos}`), readSynsets(join(dir, `data.${pos}`)), senses),
  ]);
}
