// ICU's sentence rules in Node ship without abbreviation suppressions, so "Dr. Watson" and
// "В 1998 г. Иванов" would be cut after the dot. These words, and single-letter initials
// ("А. С. Пушкин", "J. R. R. Tolkien"), mark a dot that does not end a sentence.

const ABBREVIATIONS = new Set([
  // English
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "st",
  "jr",
  "sr",
  "vs",
  "etc",
  "vol",
  "ch",
  "fig",
  "pp",
  "p",
  "ed",
  "eds",
  "cf",
  "approx",
  // Russian
  "г",
  "гг",
  "в",
  "вв",
  "т",
  "е",
  "д",
  "п",
  "др",
  "пр",
  "см",
  "стр",
  "с",
  "гл",
  "им",
  "ул",
  "тыс",
  "млн",
  "млрд",
  "руб",
  "коп",
  "ок",
  "проф",
  "акад",
  "ред",
  "изд",
  "напр",
  "рис",
  "табл",
]);

const LAST_WORD_BEFORE_DOT = /(?:^|[\s(«"'])([\p{L}]+)\.\s*$/u;

/** True when a segment ends with an abbreviation or an initial rather than a full stop. */
export function endsWithAbbreviation(segment: string): boolean {
  const word = LAST_WORD_BEFORE_DOT.exec(segment)?.[1];
  if (!word) return false;
  if (word.length === 1 && word === word.toUpperCase() && word !== word.toLowerCase()) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}
