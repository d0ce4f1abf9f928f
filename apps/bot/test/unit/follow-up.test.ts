// Which questions carry on from the previous turn, and how they are searched: pronouns,
// «а …?» / "and …?", ellipsis and short questions carry on; a clear change of topic (a new
// command or name) and a long standalone question do not.
import { describe, expect, it } from "vitest";
import type { ConversationTurn } from "../../src/conversation/conversation-turn.js";
import { followUpOf, questionToAnswer, refersBack, topicWords } from "../../src/conversation/follow-up.js";

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
    expect(followUp?.context.weight).toBeLessThan(1);
  });

  it.each([
    ["Что такое debootstrap?", pbuilder],
    ["Что такое lintian?", pbuilder],
    ["What is debootstrap?", iso],
    ["Какой рецепт борща?", pbuilder],
    ["Кто зажигал огонь маяка?", turn("Кто зажигал огонь маяка?", "зажигал огонь маяка")],
    ["Какой командой собрать только зависящие от архитектуры части пакета без подписи?", pbuilder],
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

  it("reads «что такое X» as naming X, not as referring back", () => {
    expect(refersBack("Что такое pbuilder?")).toBe(false);
    expect(topicWords("Что такое pbuilder?")).toEqual(["pbuilder"]);
  });

  it("gives the answerer the topic words its best passage holds", () => {
    const followUp = followUpOf("And to a USB stick?", iso);
    expect(questionToAnswer("And to a USB stick?", followUp, "Write the ISO image to the stick.")).toBe(
      "And to a USB stick? (ISO)",
    );
    expect(questionToAnswer("And to a USB stick?", followUp, "Sticks are handy.")).toBe("And to a USB stick?");
    expect(questionToAnswer("What is debootstrap?", undefined, "debootstrap installs")).toBe("What is debootstrap?");
  });
});
