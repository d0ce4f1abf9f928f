export class LibraryEmptyError extends Error {
  constructor() {
    super("Индекс библиотеки пуст: ещё не опубликовано ни одного поколения. Попросите оператора запустить индексацию.");
    this.name = "LibraryEmptyError";
  }
}
