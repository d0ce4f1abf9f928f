// Words that say what kind of answer a question wants, not what it is about: "Что означает
// сокращение FTBFS?" is about FTBFS. A book's answer rarely repeats them ("FTBFS — Fails To
// Build From Source"), so they count less than the question's topic words.

/** What a framing term counts for, against 1 (or its full IDF) for a topic term. */
export const FRAME_TERM_WEIGHT = 0.25;

/**
 * The ones that ask for a definition. The keyword search leaves them out of its candidate
 * query: a book about language uses them on every page. The other framing words stay in the
 * search, where a book's answer often repeats them ("X называется Y", "the command is").
 */
export const DEFINITION_FRAME_WORDS = [
  "означает означают значит обозначает расшифровывается расшифровка сокращение аббревиатура",
  "stand stands mean means meaning abbreviation acronym define defines defined definition",
].join(" ");

/** Every framing word: the answerer weighs all of them down when it scores sentences. */
export const QUESTION_FRAME_WORDS = [
  DEFINITION_FRAME_WORDS,
  // ru
  "команда командой команду команды командах",
  "нужен нужна нужно нужны",
  "называется называют такое делает сделать выполнить способ помощью можно использовать",
  // en
  "command commands",
  "called way use using run type according does s one ones",
].join(" ");
