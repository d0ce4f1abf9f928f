// Issue 19, item 2: the old FAISS_PATH setting and INDEX_DIR pointing at a file. The hint for
// FAISS_PATH must be one that works when followed — a folder beside the old file, which the
// index store then uses without touching the file — and INDEX_DIR on a file is one config
// problem naming the variable, not ENOTDIR with a stack trace at the first mkdir.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config/index.js";
import { openIndexStore } from "../../src/index/index.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** A deployment of the old bot: data/index.faiss is a single file. */
function oldDeployment(): { root: string; oldFile: string } {
  const root = mkdtempSync(join(tmpdir(), "old-deployment-"));
  mkdirSync(join(root, "data"));
  const oldFile = join(root, "data", "index.faiss");
  writeFileSync(oldFile, Buffer.concat([Buffer.from("IxFI"), Buffer.alloc(64)]));
  return { root, oldFile };
}

describe("the old FAISS_PATH and an INDEX_DIR that is a file", () => {
  it("suggests for FAISS_PATH a folder that, once set, serves as INDEX_DIR and leaves the old file alone", () => {
    const { root, oldFile } = oldDeployment();
    const [problem, ...others] = problemsOf({ FAISS_PATH: oldFile });
    expect(others).toEqual([]);
    expect(problem).toMatch(/^FAISS_PATH больше не используется/);
    expect(problem).toContain("pnpm ai-library index rebuild --inline");
    const suggested = /INDEX_DIR=("[^"]+")/.exec(problem ?? "")?.[1];
    expect(suggested).toBeDefined();
    const indexDir = JSON.parse(suggested ?? '""') as string;
    expect(indexDir).toBe(join(root, "data", "index"));

    // Followed: the configuration is valid, and the store lives beside the old file, not in it.
    const config = parseConfig({ INDEX_DIR: indexDir });
    const store = openIndexStore(config.INDEX_DIR);
    expect(existsSync(join(indexDir, "generations"))).toBe(true);
    expect(statSync(oldFile).isFile()).toBe(true);
    expect(readFileSync(oldFile).subarray(0, 4).toString()).toBe("IxFI");
    expect(store.list()).toEqual([]);
  });

  it("keeps the relative form an operator copies from the old .env", () => {
    const [problem] = problemsOf({ FAISS_PATH: "./data/index.faiss" });
    expect(problem).toContain('INDEX_DIR="./data/index"');
    expect(problem).not.toContain('INDEX_DIR="./data/index.faiss"');
  });

  it("reports INDEX_DIR on a file, or through one, as one problem that names the variable", () => {
    const { oldFile } = oldDeployment();
    const [onFile, ...rest] = problemsOf({ INDEX_DIR: oldFile });
    expect(rest).toEqual([]);
    expect(onFile).toMatch(/^INDEX_DIR=".*index\.faiss" — файл, а не каталог/);
    expect(onFile).toContain(`INDEX_DIR=${JSON.stringify(oldFile.replace(/\.faiss$/, ""))}`);
    const [through] = problemsOf({ INDEX_DIR: join(oldFile, "generations") });
    expect(through).toContain(`проходит через ${oldFile}, а это файл`);
    expect(() => parseConfig({ INDEX_DIR: oldFile })).toThrow(ConfigError);
  });

  it("reports BACKUP_DIR and LOG_DIR that cannot be folders", () => {
    const { oldFile } = oldDeployment();
    const problems = problemsOf({ BACKUP_DIR: oldFile, LOG_DIR: join(oldFile, "logs") });
    expect(problems).toEqual([
      expect.stringMatching(/^BACKUP_DIR=.* не может быть каталогом: .*index\.faiss — файл/),
      expect.stringMatching(/^LOG_DIR=.* не может быть каталогом: .*index\.faiss — файл/),
    ]);
  });

  it("recognises INDEX_DIR set to the old bot's LangChain folder (index.faiss + index.pkl)", () => {
    const root = mkdtempSync(join(tmpdir(), "old-langchain-"));
    const folder = join(root, "index.faiss");
    mkdirSync(folder);
    writeFileSync(join(folder, "index.faiss"), "IxFI");
    writeFileSync(join(folder, "index.pkl"), "pickle");
    const [problem] = problemsOf({ INDEX_DIR: folder });
    expect(problem).toMatch(/— индекс LangChain старого бота/);
    expect(problem).toContain(`INDEX_DIR=${JSON.stringify(join(root, "index"))}`);
  });
});
