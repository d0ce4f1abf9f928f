export class LibraryEmptyError extends Error {
  constructor() {
    super("The library index is empty: no generation has been published yet. Ask the operator to run an ingest.");
    this.name = "LibraryEmptyError";
  }
}
