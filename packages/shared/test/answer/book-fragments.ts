// Passages as the loaders hand them over from real technical books, for quote-assembly tests.
// Short excerpts, kept verbatim (line breaks as extracted), from Debian's documentation
// packages: "An Introduction to R" (r-doc-pdf, GPL-2+), the Debian Developer's Reference
// (developers-reference, -ru; MIT-style licence) and the Debian New Maintainers' Guide in
// Russian (maint-guide-ru, GPL-2+).
import type { Passage } from "../../src/retrieval/types.js";
import { passage } from "./passages.js";

/** An EPUB passage: cited by chapter, without the page `passage()` gives by default. */
function chapterPassage(text: string, overrides: Partial<Passage>): Passage {
  const { page: _page, ...withoutPage } = passage(text, overrides);
  return withoutPage;
}

/** R-intro.pdf p. 3–4: a numbered procedure whose steps introduce command lines. */
export const rIntroSession: Passage = passage(
  "In using R under UNIX the suggested procedure for the first occasion is as follows:\n\n" +
    "1. Create a separate sub-directory, say work, to hold data files on which you will use R for\n" +
    "this problem. This will be the working directory whenever you use R for this particular\n" +
    "problem.\n\n$ mkdir work\n$ cd work\n\n" +
    "2. Start the R program with the command\n\n$ R\n\n" +
    "3. At this point R commands may be issued (see later).\n\n" +
    "4. To quit the R program the command is\n\n> q()\n\n" +
    "At this point you will be asked whether you want to save the data from your R session.\n" +
    "On some systems this will bring up a dialog box, and on others you will receive a text\n" +
    "prompt to which you can respond yes, no or cancel (a single letter abbreviation will\n" +
    "do) to save the data before quitting, quit without saving, or return to the R session.",
  { title: "An Introduction to R", file: "R-intro.pdf", page: 9, pageEnd: 10, score: 0.27 },
);

/** R-intro.pdf p. 13: a definition in parentheses, after a page number and a heading. */
export const rIntroLogical: Passage = passage(
  "8\n2.4 Logical vectors\n\n" +
    "As well as numerical vectors, R allows manipulation of logical quantities. The elements\n" +
    "of a logical vector can have the values TRUE, FALSE, and NA (for “not available”, see below).\n" +
    "The first two are often abbreviated as T and F, respectively.",
  { title: "An Introduction to R", file: "R-intro.pdf", page: 13, score: 0.2 },
);

/** developers-reference.epub, "Beyond Packaging": a colon, then a command with an option. */
export const devrefSigningKey: Passage = chapterPassage(
  "Note that you should not need to modify the source package to put your name in the changelog or in the control file. " +
    "The Maintainer field of the control file and the changelog should list the person who did the packaging, i.e. the sponsee. " +
    "That way they will get all the BTS mail.\n\n" +
    "Instead, you should instruct dpkg-buildpackage to use your key for the signature. You do that with the -k option:\n\n" +
    "dpkg-buildpackage -kKEY-ID\n\n" +
    "If you use debuild and debsign, you can even configure it permanently in ~/.devscripts:\n\n" +
    "DEBSIGN_KEYID=KEY-ID\n\n" +
    "7.5.1.2. Sponsoring an update of an existing package",
  { title: "developers-reference", file: "devref-en.epub", chapter: "Beyond Packaging", score: 0.3 },
);

/** developers-reference ru, «Управление пакетами»: an acronym explained in a sentence. */
export const devrefFtbfs: Passage = chapterPassage(
  "Если вы получили сообщение об ошибке, в котором упоминается FTBFS, то это означает Fails to build from source (не удалось собрать из исходного кода). " +
    "Те, кто занимаются переносами, часто используют данный акроним.\n\n" +
    "Как только вы закончили работать с сообщением об ошибке (напр., исправили ошибку) отметьте его как завершённое.",
  { title: "developers-reference", file: "devref-ru.epub", chapter: "Управление пакетами", score: 0.1 },
);

/** maint-guide.ru.pdf p. 26: a sentence that introduces a bulleted list. */
export const maintGuideTargets: Passage = passage(
  "A rule that you want to execute is invoked by its target name as a command line argument.\n\n" +
    "Упрощённое объяснение целей:\n" +
    "• Цель clean служит для удаления всех скомпилированных, сгенерированных и бесполезных файлов в дереве сборки\n" +
    "(требуемая).\n" +
    "• Цель build служит для сборки исходного кода в скомпилированные программы и отформатированные документы в\n" +
    "дереве сборки (требуемая).\n" +
    "• Цель install служит для установки файлов в дерево файлов для каждого двоичного пакета из каталога debian\n" +
    "(необязательная).\n\n" +
    "Далее описаны дополнительные цели.",
  { title: "Руководство начинающего разработчика Debian", file: "maint-guide.ru.pdf", page: 26, score: 0.3 },
);

/**
 * developers-reference.epub, "Managing Packages": a sentence that introduces a table (cells
 * as the EPUB loader joins them, " | " between cells of a row).
 */
export const devrefOutdatedTable: Passage = chapterPassage(
  "For the testing migration script, outdated means: There are different versions in unstable for the release architectures.\n\n" +
    "Consider this example:\n\n" +
    " | alpha | arm\ntesting | 1 | -\nunstable | 1 | 2\n\n" +
    "The package is out of date on alpha in unstable, and will not go to testing.",
  { title: "developers-reference", file: "devref-en.epub", chapter: "Managing Packages", score: 0.3 },
);
