// Which questions carry on from the previous turn, and how they are searched: pronouns,
// «а …?» / "and …?", ellipsis and short questions carry on; a clear change of topic (a new
// command or name, «а что такое X?») and a long standalone question do not. An elliptical
// follow-up is answered as the earlier question with the fragment added or in its subject's place.
import { describe, expect, it } from "vitest";
import type { ConversationTurn } from "../../src/conversation/conversation-turn.js";
import {
  CONTEXT_WEIGHT,
  EARLIER_SOURCES_WEIGHT,
  followUpOf,
  POINTED_SUBJECT_WEIGHT,
  questionToAnswer,
  refersBack,
  topicWords,
} from "../../src/conversation/follow-up.js";
import { rememberTurn } from "../../src/conversation/remember-turn.js";

const turn = (question: string, topic: string, section?: string): ConversationTurn => ({
  question,
  language: "ru",
  topic,
  sources: [{ title: "Руководство", ...(section ? { section } : {}) }],
});
const pbuilder = turn("Что такое pbuilder?", "pbuilder", "Утилита pbuilder");
const iso = turn("How do I burn an ISO to a CD?", "burn ISO CD");

describe("follow-ups", () => {
  it.each([
    ["Как его настроить?", pbuilder],
    ["А где хранится конфигурация?", pbuilder],
    ["Это работает без root?", pbuilder],
    ["And to a USB stick?", iso],
    ["How do I verify it?", iso],
    ["Which one is faster?", iso],
    ["…и без сети?", pbuilder],
    ["Как настроить?", pbuilder],
  ])("%s carries on", (question, previous) => {
    const followUp = followUpOf(question, previous);
    expect(followUp?.topic).toBe(previous.topic);
    expect(followUp?.context.text).toBe(previous.topic);
    // A topic's terms share its lesser weight; a fragment that narrows the earlier question keeps
    // each of that question's words at full weight.
    const share = 1 / Math.sqrt(previous.topic.split(" ").length);
    const expected = followUp?.standalone ? 1 : CONTEXT_WEIGHT * share;
    expect(followUp?.context.weight).toBeCloseTo(expected);
  });

  it("searches a question that points back with a pronoun with the earlier subject at a question word's weight", () => {
    const porter = turn("What is a porter upload?", "porter upload");
    const pointed = followUpOf("Which command builds one?", porter);
    expect(pointed?.context.weight).toBeCloseTo(CONTEXT_WEIGHT / Math.sqrt(2));
    expect(pointed?.context.subjectWeight).toBe(POINTED_SUBJECT_WEIGHT);
    expect(
      followUpOf("Какой командой её собрать?", turn("Что такое двоичная NMU?", "двоичная NMU"))?.context,
    ).toMatchObject({ subjectWeight: POINTED_SUBJECT_WEIGHT });
    // «А …?» and a short question carry the topic on without naming it: no subject of their own.
    for (const question of ["А где хранится конфигурация?", "Как настроить?"]) {
      const context = followUpOf(question, pbuilder)?.context;
      expect(context?.weight).toBeCloseTo(CONTEXT_WEIGHT);
      expect(context?.subjectWeight).toBeUndefined();
    }
  });

  it.each([
    ["Что такое debootstrap?", pbuilder],
    ["Что такое lintian?", pbuilder],
    ["What is debootstrap?", iso],
    ["Какой рецепт борща?", pbuilder],
    ["Кто зажигал огонь маяка?", turn("Кто зажигал огонь маяка?", "зажигал огонь маяка")],
    ["Какой командой собрать только зависящие от архитектуры части пакета без подписи?", pbuilder],
    ["А что такое кандзи?", pbuilder],
    ["And what is debootstrap?", iso],
  ])("%s is searched alone", (question, previous) => {
    expect(followUpOf(question, previous)).toBeUndefined();
  });

  it("needs a previous turn", () => {
    expect(followUpOf("Как его настроить?", undefined)).toBeUndefined();
  });

  it("offers the earlier answer's section as a lesser candidate", () => {
    const context = followUpOf("Как его настроить?", pbuilder)?.context;
    expect(context?.related).toBe("Утилита pbuilder");
    expect(context?.relatedWeight).toBeLessThan(context?.weight ?? 0);
  });

  it("passes the sections the earlier answer cited, by book, to the search as candidates", () => {
    const cited: ConversationTurn = {
      ...pbuilder,
      sources: [
        { title: "Руководство", file: "maint-guide.ru.pdf", section: "Пакет pbuilder" },
        { title: "Руководство", file: "maint-guide.ru.pdf", chapter: "Глава 6" },
        { title: "Старый ход без файла", section: "Пакет pbuilder" },
      ],
    };
    const context = followUpOf("Как его настроить?", cited)?.context;
    expect(context?.sources).toEqual([
      { file: "maint-guide.ru.pdf", title: "Пакет pbuilder" },
      { file: "maint-guide.ru.pdf", title: "Глава 6" },
    ]);
    expect(context?.sourcesWeight).toBe(EARLIER_SOURCES_WEIGHT);
    expect(followUpOf("Как его настроить?", pbuilder)?.context.sources).toBeUndefined();
  });

  it("reads «что такое X» as naming X, not as referring back", () => {
    expect(refersBack("Что такое pbuilder?")).toBe(false);
    expect(topicWords("Что такое pbuilder?")).toEqual(["pbuilder"]);
  });

  it('gives the answerer the topic words its best passage holds, without a leading «А» / "And"', () => {
    const followUp = followUpOf("How do I verify it?", iso);
    expect(questionToAnswer("How do I verify it?", followUp, "Verify the ISO image before you burn it.")).toBe(
      "How do I verify it? (ISO)",
    );
    expect(questionToAnswer("How do I verify it?", followUp, "Checksums are handy.")).toBe("How do I verify it?");
    const login = followUpOf("А как войти в него?", pbuilder);
    expect(questionToAnswer("А как войти в него?", login, "pbuilder --login")).toBe("как войти в него? (pbuilder)");
    expect(questionToAnswer("What is debootstrap?", undefined, "debootstrap installs")).toBe("What is debootstrap?");
  });

  it("answers a fragment that narrows the earlier question as that question with the fragment", () => {
    const upload = turn("Как загрузить пакет в архив Debian?", "загрузить пакет архив Debian");
    const ssh = followUpOf("А через ssh?", upload);
    expect(ssh?.standalone).toBe("Как загрузить пакет в архив Debian через ssh?");
    expect(questionToAnswer("А через ssh?", ssh, "ssh.upload.debian.org")).toBe(ssh?.standalone);
    const installer = turn("How much memory does the Debian installer need?", "memory Debian installer need");
    expect(followUpOf("And the graphical one?", installer)?.standalone).toBe(
      "How much memory does the Debian installer need the graphical one?",
    );
  });

  it("answers a fragment that names a new subject in the earlier subject's place, keeping the question's shape", () => {
    const na = turn("What does NA stand for in R?", "NA stand");
    const nan = followUpOf("And NaN?", na);
    expect(nan?.standalone).toBe("What does stand for in NaN?");
    expect(nan?.context.weight).toBeLessThan(1);
    // The third turn builds on the second as it was answered, not on the bare fragment.
    const second = rememberTurn("And NaN?", nan, { text: "", sources: [], notFound: false, language: "en" });
    expect(second).toMatchObject({ question: "And NaN?", asked: "What does stand for in NaN?", topic: "NA stand" });
    expect(followUpOf("And Inf?", second)?.standalone).toBe("What does stand for in Inf?");
  });

  it('reads «а» / "and" before a question of its own as joining, not as a fragment', () => {
    expect(followUpOf("А как его настроить?", pbuilder)?.standalone).toBeUndefined();
    expect(followUpOf("And how do I cancel it?", iso)?.standalone).toBeUndefined();
  });
});
