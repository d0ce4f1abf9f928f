// Is Tesseract installed, which version, and which languages does it have? Asked once per
// process when the ingest settings are built (two short runs of tesseract, a few milliseconds).
import { spawnSync } from "node:child_process";

export type OcrEngine = { installed: false } | { installed: true; version: string; languages: string[] };

const known = new Map<string, OcrEngine>();

export function detectOcrEngine(program = "tesseract"): OcrEngine {
  const seen = known.get(program);
  if (seen) return seen;
  const engine = askEngine(program);
  known.set(program, engine);
  return engine;
}

function askEngine(program: string): OcrEngine {
  const run = (args: string[]) => spawnSync(program, args, { encoding: "utf8", timeout: 10_000 });
  const version = run(["--version"]);
  if (version.error || version.status !== 0) return { installed: false };
  const list = run(["--list-langs"]);
  // "List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (3):" then one per line.
  const languages = `${list.stdout}`
    .split("\n")
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => /^[a-z_]+$/.test(line));
  const firstLine = `${version.stdout}${version.stderr}`.split("\n")[0]?.trim() ?? "";
  return { installed: true, version: firstLine || "tesseract", languages };
}
