// The books folder of `ingest` and `index rebuild`, checked before any work starts, so a typo
// in --folder or an unset BOOKS_DIR ends in one sentence naming the folder and the setting it
// came from — not in `ENOENT: lstat …` from deep inside the scan.
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { resolve } from "node:path";

export type BooksFolderSetting =
  | { kind: "option"; typed: string; operatorCwd: string }
  | { kind: "env"; value: string };

function origin(setting: BooksFolderSetting): string {
  return setting.kind === "option"
    ? `--folder ${setting.typed}, путь от текущего каталога ${setting.operatorCwd}`
    : `BOOKS_DIR=${setting.value}`;
}

function advice(setting: BooksFolderSetting): string {
  return setting.kind === "option"
    ? "Укажите в --folder существующий каталог с книгами (PDF, EPUB, FB2, TXT, MD)."
    : "Задайте в .env BOOKS_DIR — каталог с книгами (PDF, EPUB, FB2, TXT, MD); относительный путь считается от " +
        "каталога установки, по умолчанию data/books. Или создайте этот каталог и положите в него книги.";
}

/** A one-paragraph explanation of what is wrong with `path` as a books folder, or undefined when it is usable. */
export function booksFolderProblem(path: string, setting: BooksFolderSetting): string | undefined {
  let fault: string | undefined;
  if (!existsSync(path)) fault = "не существует";
  else if (!statSync(path).isDirectory()) fault = "— файл, а не каталог";
  else {
    try {
      accessSync(path, constants.R_OK | constants.X_OK);
    } catch {
      fault = "не читается: нет прав (проверьте ls -ld)";
    }
  }
  return fault ? `Каталог книг ${resolve(path)} (${origin(setting)}) ${fault}. ${advice(setting)}` : undefined;
}
