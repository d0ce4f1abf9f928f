// Problems with the folders the configuration names, found before anything touches them: a
// folder setting that points at a file (or runs through one) would otherwise end in ENOTDIR
// and a stack trace at the first mkdir. INDEX_DIR gets the most care, because the old bot's
// FAISS_PATH named a single file (./data/index.faiss): copying that value into INDEX_DIR hits
// the file, or, where it is the old LangChain folder, quietly builds generations/ inside it.
import { existsSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";

/** A folder for the new index beside the old FAISS file: ./data/index.faiss → ./data/index. */
function indexDirFor(oldFaissPath: string): string {
  const extension = extname(oldFaissPath);
  if (extension === "") return `${oldFaissPath}-generations`;
  const stem = basename(oldFaissPath, extension);
  const dir = dirname(oldFaissPath);
  return dir === "." && !oldFaissPath.startsWith("./") ? stem : `${dir}/${stem}`;
}

/** The first existing part of `path` that is not a folder, if any. */
function fileInTheWay(path: string): string | undefined {
  for (let current = resolve(path); ; current = dirname(current)) {
    if (existsSync(current)) return statSync(current).isDirectory() ? undefined : current;
    if (dirname(current) === current) return undefined;
  }
}

const looksLikeOldLangChainIndex = (dir: string) =>
  existsSync(join(dir, "index.faiss")) && existsSync(join(dir, "index.pkl")) && !existsSync(join(dir, "generations"));

const REBUILD = "затем соберите индекс заново из книг: pnpm ai-library index rebuild --inline";

export function faissPathProblem(faissPath: string): string {
  return (
    `FAISS_PATH больше не используется: индекс теперь — каталог поколений, а старый файл ` +
    `${JSON.stringify(faissPath)} обслуживать нельзя (в нём векторы без текстов). Удалите FAISS_PATH, ` +
    `задайте INDEX_DIR новым каталогом, например INDEX_DIR=${JSON.stringify(indexDirFor(faissPath))}, ${REBUILD} ` +
    "(docs/OPS.md, «Переход со старого формата»)"
  );
}

export function folderProblems(folders: { INDEX_DIR: string; BACKUP_DIR: string; LOG_DIR: string }): string[] {
  const problems: string[] = [];
  const indexBlocker = fileInTheWay(folders.INDEX_DIR);
  if (indexBlocker) {
    const itself = indexBlocker === resolve(folders.INDEX_DIR);
    const what = itself ? "— файл" : `проходит через ${indexBlocker}, а это файл`;
    const suggestion = indexDirFor(itself ? folders.INDEX_DIR : indexBlocker);
    problems.push(
      `INDEX_DIR=${JSON.stringify(folders.INDEX_DIR)} ${what}, а не каталог: индекс — это каталог поколений ` +
        `(LIVE, generations/). Если это файл FAISS старого бота, задайте INDEX_DIR новым каталогом, например ` +
        `INDEX_DIR=${JSON.stringify(suggestion)}, ${REBUILD}`,
    );
  } else if (looksLikeOldLangChainIndex(resolve(folders.INDEX_DIR))) {
    problems.push(
      `INDEX_DIR=${JSON.stringify(folders.INDEX_DIR)} — индекс LangChain старого бота (index.faiss, index.pkl), ` +
        `а не каталог поколений. Задайте INDEX_DIR новым каталогом, например ` +
        `INDEX_DIR=${JSON.stringify(indexDirFor(folders.INDEX_DIR))}, ${REBUILD}`,
    );
  }
  for (const name of ["BACKUP_DIR", "LOG_DIR"] as const) {
    const blocker = fileInTheWay(folders[name]);
    if (blocker) {
      problems.push(
        `${name}=${JSON.stringify(folders[name])} не может быть каталогом: ${blocker} — файл. Укажите в ${name} каталог`,
      );
    }
  }
  return problems;
}
