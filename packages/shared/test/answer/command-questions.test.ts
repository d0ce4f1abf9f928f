// "Какой командой…?" / "Which command…?" asks for a command: the answerer quotes the sentence
// that names one («…имеет вид dpkg-buildpackage -B»), not a sentence that shares more of the
// question's words but names no command.
import { describe, expect, it } from "vitest";
import { answerFromPassages } from "../../src/answer/extractive-answerer.js";
import { namesInlineCommand, questionShape } from "../../src/answer/question-shape.js";
import { passage } from "./passages.js";

describe("questions that ask for a command", () => {
  it("are told from other how-to questions", () => {
    for (const question of [
      "Какой командой собрать двоичную NMU?",
      "Какую команду запустить?",
      "Which command builds it?",
    ])
      expect(questionShape(question).asksCommand).toBe(true);
    for (const question of ["Как собрать пакет?", "How do I build it?", "Что делает команда debuild?"])
      expect(questionShape(question).asksCommand).toBe(false);
  });

  it("know a command written inside a sentence from prose", () => {
    expect(namesInlineCommand("правильный вызов имеет вид dpkg-buildpackage -B, что означает")).toBe(true);
    expect(namesInlineCommand("Для очистки выполните debuild -- clean")).toBe(true);
    expect(namesInlineCommand("This is a well - known fact")).toBe(false);
    expect(namesInlineCommand("Пакет - это архив")).toBe(false);
  });

  it("are answered by the sentence that names a command, not by one that only shares more words", () => {
    const ru = answerFromPassages(
      "Какой командой собрать двоичную NMU?",
      [
        passage("Двоичную NMU собирают заново, когда пакет был собран в устаревшем окружении.", { score: 0.5 }),
        passage(
          "Для двоичной NMU правильный вызов имеет вид dpkg-buildpackage -B: будут собраны только части пакета.",
          {
            score: 0.3,
          },
        ),
      ],
      "ru",
    );
    expect(ru.text).toContain("dpkg-buildpackage -B");
    expect(ru.text).not.toContain("в устаревшем окружении");
    const en = answerFromPassages(
      "Which command builds a porter upload?",
      [
        passage("A porter upload is built on the porter's own machine for the new architecture.", { score: 0.5 }),
        passage("A porter upload is built with dpkg-buildpackage -B -m porter-email on the new architecture.", {
          score: 0.3,
        }),
      ],
      "en",
    );
    expect(en.text).toContain("dpkg-buildpackage -B -m porter-email");
    expect(en.text).not.toContain("own machine");
  });
});
