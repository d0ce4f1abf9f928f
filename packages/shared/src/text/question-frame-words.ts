// Words that say what kind of answer a question wants, not what it is about: "Что означает
// сокращение FTBFS?" is about FTBFS. A book's answer rarely repeats them ("FTBFS — Fails To
// Build From Source"), so the answerer weighs them less than the question's topic words.

/**
 * The ones that ask for a definition. The keyword search leaves them out of its candidate
 * query: a book about language uses them on every page. The other framing words stay in the
 * search, where a book's answer often repeats them ("X называется Y", "the command is").
 */
export const DEFINITION_FRAME_WORDS = [
  "означает означают значит обозначает расшифровывается расшифровка сокращение аббревиатура",
  "stand stands mean means meaning abbreviation acronym",
].join(" ");

export const QUESTION_FRAME_WORDS = [
  // ru
  "команда командой команду команды командах",
  "нужен нужна нужно нужны нужен",
  "означает означают значит обозначает расшифровывается расшифровка сокращение аббревиатура",
  "называется называют такое делает сделать выполнить способ помощью можно использовать",
  // en
  "command commands stand stands mean means meaning abbreviation acronym",
  "called define definition way use using run type according does s",
].join(" ");
