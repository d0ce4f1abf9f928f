// The Debian documentation books of the answer-level set (Developer's Reference ru/en, "An
// Introduction to R", the Installation Guide, the Russian New Maintainers' Guide). They are
// not in the shared corpus: scripts/fetch-eval-books.sh gets them from the Debian archive into
// a cache folder, and `pnpm eval` runs it when one is missing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const DEBIAN_BOOK_FILES = [
  "devref-ru.epub",
  "devref-en.epub",
  "R-intro.pdf",
  "install.en.pdf",
  "maint-guide.ru.pdf",
] as const;

/** EVAL_BOOKS_DIR, else ${XDG_CACHE_HOME:-$HOME/.cache}/ai-library/eval-books (as the script). */
export function defaultEvalBooksDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.EVAL_BOOKS_DIR) return env.EVAL_BOOKS_DIR;
  const cache = env.XDG_CACHE_HOME || join(env.HOME ?? ".", ".cache");
  return join(cache, "ai-library", "eval-books");
}

function present(dir: string): Set<string> {
  return new Set(DEBIAN_BOOK_FILES.filter((file) => existsSync(join(dir, file))));
}

/**
 * The Debian books available in `dir`, fetching the missing ones first. Never throws: a book
 * that cannot be fetched is simply absent, and the caller says so and leaves its questions out.
 */
export function ensureDebianBooks(dir: string, repoRoot: string, log: (line: string) => void): Set<string> {
  const before = present(dir);
  if (before.size === DEBIAN_BOOK_FILES.length) return before;
  log(`Fetching the Debian documentation books into ${dir} (scripts/fetch-eval-books.sh)…`);
  const run = spawnSync("bash", [join(repoRoot, "scripts/fetch-eval-books.sh"), dir], {
    encoding: "utf8",
    timeout: 600_000,
  });
  const after = present(dir);
  if (after.size < DEBIAN_BOOK_FILES.length) {
    const missing = DEBIAN_BOOK_FILES.filter((file) => !after.has(file)).join(", ");
    const why = (run.stderr || run.error?.message || "").trim().split("\n").slice(-2).join("; ");
    log(`Debian books not available (${missing}): ${why || "fetch failed"}. Their questions are left out.`);
  }
  return after;
}
