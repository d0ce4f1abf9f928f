// What a reader gets from a how-to or "what is" question over real technical books: the
// sentence that introduces a command, list or table is quoted together with it, commands
// verbatim between code fences; definitions are quoted whole; page numbers, headings and
// list numbers never leak into a quote.
import { describe, expect, it } from "vitest";
import { answerFromPassages } from "../../src/answer/extractive-answerer.js";
import { withoutCodeFences } from "../../src/answer/format-quote.js";
import { isCodeLine, passageBlocks } from "../../src/answer/passage-blocks.js";
import {
  devilsDictionaryB,
  devilsDictionaryC,
  devilsDictionaryPreface,
  devrefBinNmu,
  devrefDelayedExample,
  devrefDelayedRange,
  devrefFtbfs,
  devrefOutdatedTable,
  devrefSigningKey,
  installChecksum,
  installFrontends,
  installGraphicalMemory,
  installHowItWorks,
  installIsoScan,
  installLowMemory,
  maintGuideBuildSteps,
  maintGuideDebuild,
  maintGuideFullBuild,
  maintGuidePbuilder,
  maintGuideTargets,
  rIntroLogical,
  rIntroObjects,
  rIntroSession,
  rIntroWorkspace,
  taeKimKanji,
} from "./book-fragments.js";
import { gardenEn, lighthouseEn } from "./passages.js";

/** The fenced code blocks of an answer, verbatim. */
function codeBlocks(text: string): string[] {
  return [...text.matchAll(/```\n([\s\S]*?)\n```/g)].map((match) => match[1] ?? "");
}

describe("quotes that carry the answer", () => {
  it("quotes the command after 'the command is', as a code block (R-intro)", () => {
    const answer = answerFromPassages("How do I quit R?", [lighthouseEn, rIntroSession], "en");
    expect(answer.notFound).toBe(false);
    expect(answer.text).toContain("“To quit the R program the command is” [1]");
    expect(codeBlocks(answer.text)).toContain("> q()");
    expect(answer.sources[0]).toBe(rIntroSession);
  });

  it("keeps a command with its option verbatim after a colon (Developer's Reference)", () => {
    const answer = answerFromPassages("How do I make dpkg-buildpackage sign with my key?", [devrefSigningKey], "en");
    expect(answer.text).toContain("You do that with the -k option:” [1]");
    expect(codeBlocks(answer.text)[0]).toBe("dpkg-buildpackage -kKEY-ID");
  });

  it("quotes the list a sentence introduces, item by item (maint-guide, Russian)", () => {
    const answer = answerFromPassages("Для чего служит цель clean?", [maintGuideTargets], "ru");
    const lines = answer.text.split("\n");
    const intro = lines.findIndex((line) => line.startsWith("«Упрощённое объяснение целей:»"));
    expect(intro).toBeGreaterThan(0);
    expect(lines[intro + 1]).toMatch(/^• Цель clean служит для удаления .* \(требуемая\)\.$/);
    expect(lines[intro + 2]).toMatch(/^• Цель build /);
    expect(lines[intro + 3]).toMatch(/^• Цель install .*\(необязательная\)\.$/);
    expect(answer.text).not.toContain("Далее описаны");
  });

  it("quotes the table rows a sentence introduces, row by row", () => {
    const answer = answerFromPassages(
      "What is an example of an outdated package in testing migration?",
      [devrefOutdatedTable],
      "en",
    );
    expect(answer.text).toContain("Consider this example:” [1]");
    expect(answer.text).toContain("testing | 1 | -\nunstable | 1 | 2");
  });

  it("quotes a whole procedure when its introduction ends with a colon, within the bound", () => {
    const answer = answerFromPassages("What is the suggested procedure for using R under UNIX?", [rIntroSession], "en");
    expect(answer.text).toContain("as follows:” [1]");
    expect(codeBlocks(answer.text)).toEqual(expect.arrayContaining(["$ mkdir work\n$ cd work", "$ R", "> q()"]));
    expect(withoutCodeFences(answer.text).length).toBeLessThan(1000);
  });

  it("finds and quotes an acronym's expansion whole (Russian)", () => {
    const answer = answerFromPassages("Что означает сокращение FTBFS?", [devrefFtbfs], "ru");
    expect(answer.notFound).toBe(false);
    expect(answer.text).toContain(
      "«Если вы получили сообщение об ошибке, в котором упоминается FTBFS, то это означает Fails to build from source (не удалось собрать из исходного кода).» [1]",
    );
  });

  it("prefers the sentence that defines the subject (NA in R), without the page number and heading", () => {
    const answer = answerFromPassages("What does NA stand for in R?", [gardenEn, rIntroLogical], "en");
    expect(answer.text.split("\n")[1]).toMatch(
      /^“The elements of a logical vector .*NA \(for “not available”, see below\)\.” \[1\]$/,
    );
    expect(answer.text).not.toMatch(/“8|2\.4 Logical vectors/);
  });

  it("drops the list number and never joins a heading to the quote", () => {
    const answer = answerFromPassages("How do I quit R?", [rIntroSession], "en");
    expect(answer.text).not.toContain("“4. To quit");
  });
});

describe("reading blocks back from book text", () => {
  it("quotes the command that interrupts the answering sentence, with the sentence's start (R-intro)", () => {
    const answer = answerFromPassages("How do I list the objects currently stored in R?", [rIntroObjects], "en");
    const lines = answer.text.split("\n");
    const lead = lines.findIndex((line) => line.endsWith("The R command” [1]"));
    expect(lead).toBeGreaterThan(0);
    expect(codeBlocks(answer.text)[0]).toBe("> objects()");
    expect(lines.slice(lead).join("\n")).toMatch(/```\n> objects\(\)\n```\n“\(alternatively, ls\(\)\) can be used/);
  });

  it("after a list of prerequisites, quotes the 'then run:' line and its command (maint-guide, Russian)", () => {
    const answer = answerFromPassages(
      "Какой командой выполнить полную пересборку пакета?",
      [maintGuideFullBuild],
      "ru",
    );
    expect(answer.text).toContain("• пакета build-essential,");
    expect(answer.text).toContain("Затем выполните следующую команду в каталоге с исходным кодом:");
    expect(codeBlocks(answer.text)).toEqual(["$ dpkg-buildpackage -us -uc"]);
  });

  it("quotes a dictionary's definition under its headword, though the definition never repeats it", () => {
    const answer = answerFromPassages("How does the Devil's Dictionary define a bore?", [devilsDictionaryB], "en");
    expect(answer.notFound).toBe(false);
    expect(answer.closestOnly).toBeUndefined();
    expect(answer.text.split("\n")[1]).toBe("“A person who talks when you wish him to listen.” [1]");
  });

  it("does not answer a question with the same question printed as a heading", () => {
    const answer = answerFromPassages("Что такое кандзи?", [taeKimKanji], "ru");
    expect(answer.text.split("\n")[1]).toMatch(/^«В японском языке .*называемыми кандзи\.» \[1\]$/);
    expect(answer.text).not.toContain("«Что такое кандзи?»");
  });

  it("leaves the book's footnote marks out, so they cannot pass for the answer's citations", () => {
    const answer = answerFromPassages("What version should a binary-only NMU of 3.4+b1 get?", [devrefBinNmu], "en");
    expect(answer.text).toContain("should get a version number of 3.4+b2.” [1]");
    expect(answer.text).not.toContain("[2]");
  });

  it("tells command lines from prose", () => {
    for (const line of [
      "$ mkdir work",
      "> q()",
      "gpg --gen-key",
      "dpkg-buildpackage -us -uc",
      "x <- c(1, 2)",
      "apt-get install devscripts",
    ])
      expect(isCodeLine(line), line).toBe(true);
    for (const line of [
      "where x = 3 and y is the value of",
      "and/or the other thing",
      "pbuilder constructs a chrooted system, and builds a package inside the chroot.",
      "> Quoted mail text that someone wrote back then",
      "Чтобы сгенерировать новый ключ GPG, наберите:",
    ])
      expect(isCodeLine(line), line).toBe(false);
  });

  it("splits a passage into prose, list, code and heading blocks", () => {
    const kinds = passageBlocks(rIntroLogical.text).map((block) => block.kind);
    expect(kinds).toEqual(["heading", "prose"]);
    expect(
      passageBlocks(rIntroSession.text)
        .map((block) => block.kind)
        .slice(0, 5),
    ).toEqual(["prose", "list", "code", "list", "code"]);
  });
});

describe("the command a sentence introduces", () => {
  it("counts the question's words in the command it quotes: «с помощью debuild» → `$ debuild -- clean`", () => {
    const answer = answerFromPassages(
      "Как очистить дерево исходного кода с помощью debuild?",
      [maintGuideBuildSteps, maintGuideDebuild],
      "ru",
    );
    expect(codeBlocks(answer.text)).toContain("$ debuild -- clean");
    expect(answer.sources).toContain(maintGuideDebuild);
  });
});

describe("page furniture inside a passage (PDF text layers)", () => {
  it("quotes a command the PDF set apart after 'use' without a colon, not as a heading (install.en.pdf)", () => {
    const blocks = passageBlocks(installChecksum.text);
    expect(blocks).toContainEqual({
      kind: "prose",
      text: "To compute the checksum of a downloaded installation file, use",
    });
    expect(blocks).toContainEqual({ kind: "code", text: "sha256sum filename.iso" });
    const answer = answerFromPassages(
      "How do I check the checksum of a downloaded installation image?",
      [installIsoScan, installChecksum],
      "en",
    );
    expect(answer.text.split("\n")[1]).toBe("“To compute the checksum of a downloaded installation file, use” [1]");
    expect(codeBlocks(answer.text)[0] ?? withoutCodeFences(answer.text)).toContain("sha256sum filename.iso");
  });

  it("keeps a title-case heading ending in a noun a heading: 'Core Media Type'", () => {
    expect(passageBlocks("Core Media Type\n\nimage/gif")).toEqual([
      { kind: "heading", text: "Core Media Type" },
      { kind: "heading", text: "image/gif" },
    ]);
  });

  it("quotes a whole list across the footnote that a page break put inside it (install.en.pdf)", () => {
    const answer = answerFromPassages(
      "What are the possible settings of DEBIAN_FRONTEND?",
      [installFrontends, installHowItWorks],
      "en",
    );
    for (const item of ["noninteractive", "text", "newt", "gtk"])
      expect(answer.text).toContain(`• DEBIAN_FRONTEND=${item}\n`.trimEnd());
    expect(answer.text).not.toContain("kernel will panic");
  });

  it("never quotes a section title glued to its paragraph, even cut inside its number", () => {
    const answer = answerFromPassages(
      "Which user interfaces does the debian-installer support?",
      [installHowItWorks],
      "en",
    );
    expect(answer.text).toContain("“For this architecture the debian-installer supports two different user interfaces");
    expect(answer.text).not.toContain("How the Installer Works");
  });

  it("answers «для чего нужен» with the sentence that says what it is for, not the pointer to the manual", () => {
    const answer = answerFromPassages("Для чего нужен pbuilder?", [maintGuidePbuilder], "ru");
    const firstQuote = answer.text.split("\n")[1] ?? "";
    expect(firstQuote).toContain("для проверки пакетных зависимостей очень полезен пакет pbuilder.»");
  });

  it("keeps a file name whole: «.RData», not a sentence ending before «RData»", () => {
    const answer = answerFromPassages(
      "In which file does R save the workspace at the end of a session?",
      [rIntroWorkspace],
      "en",
    );
    expect(answer.text).toContain("written to a file called .RData in the current directory");
    expect(answer.text).not.toMatch(/called \.” \[/);
  });
});

describe("a dictionary's entry", () => {
  it("answers 'who is a cynic' with the entry under the headword, not the preface that names cynics often", () => {
    const answer = answerFromPassages(
      "Who is a cynic according to the Devil's Dictionary?",
      [devilsDictionaryPreface, devilsDictionaryC],
      "en",
    );
    const firstQuote = answer.text.split("\n")[1] ?? "";
    expect(firstQuote).toContain("A blackguard whose faulty vision sees things as they are, not as they ought to be.");
  });
});

describe("a question about an amount", () => {
  it("«на сколько дней можно…» is answered with the allowed range, not with an example of 7 days", () => {
    const answer = answerFromPassages(
      "На сколько дней можно отложить загрузку пакета в очереди DELAYED?",
      [devrefDelayedExample, devrefDelayedRange],
      "ru",
    );
    const firstQuote = answer.text.split("\n")[1] ?? "";
    expect(firstQuote).toContain("от 0 до 15");
    expect(answer.sources[0]).toBe(devrefDelayedRange);
  });
});

describe("a follow-up's pronoun", () => {
  it("'the graphical one' does not make every sentence with 'one' an answer", () => {
    // The follow-up «And the graphical one?» after «How much memory does the Debian installer
    // need?», as the bot hands it to the answerer; "One of the first things…" matched its "one".
    const answer = answerFromPassages(
      "How much memory does the Debian installer need the graphical one?",
      [installLowMemory, installGraphicalMemory],
      "en",
    );
    expect(answer.text.split("\n")[1]).toMatch(/810MB/);
  });
});
