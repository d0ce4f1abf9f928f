// Pulls the commands out of the operator docs: every line of every ```bash block (continuation
// lines joined, comments dropped), and the `pnpm ai-library …` commands quoted inline in prose.
export interface DocCommand {
  doc: string;
  line: number;
  command: string;
}

export function fencedCommands(doc: string, markdown: string): DocCommand[] {
  const commands: DocCommand[] = [];
  let inBash = false;
  let pending: { line: number; text: string } | undefined;
  markdown.split("\n").forEach((raw, index) => {
    const line = raw.trimEnd();
    if (/^```/.test(line)) {
      inBash = !inBash && line === "```bash";
      return;
    }
    if (!inBash) return;
    const text = line.trim();
    if (!pending && (text === "" || text.startsWith("#"))) return;
    const joined = pending ? `${pending.text} ${text}` : text;
    const start = pending?.line ?? index + 1;
    if (joined.endsWith("\\")) pending = { line: start, text: joined.slice(0, -1).trimEnd() };
    else {
      pending = undefined;
      commands.push({ doc, line: start, command: joined });
    }
  });
  return commands;
}

export function inlineCliCommands(doc: string, markdown: string): DocCommand[] {
  const found: DocCommand[] = [];
  markdown.split("\n").forEach((line, index) => {
    if (line.startsWith("```")) return;
    for (const match of line.matchAll(/`(pnpm ai-library [^`]+)`/g)) {
      // "`pnpm ai-library …`" names the CLI itself, not a command.
      if (match[1] && match[1] !== "pnpm ai-library …") found.push({ doc, line: index + 1, command: match[1] });
    }
  });
  return found;
}

const SUBCOMMANDS = new Set(["list", "check", "rollback", "backup", "restore", "rebuild", "pause", "resume", "status"]);

/** "index rollback" for `pnpm ai-library index rollback --to <id>`; "ask" for `pnpm ai-library ask "…"`. */
export function cliPath(command: string): string {
  const [group, sub] = command.replace(/^pnpm ai-library\s+/, "").split(/\s+/);
  return sub && SUBCOMMANDS.has(sub) ? `${group} ${sub}` : (group ?? "");
}

export function cliOptions(command: string): string[] {
  return command.split(/\s+/).filter((word) => /^--[a-z-]+$/.test(word));
}
