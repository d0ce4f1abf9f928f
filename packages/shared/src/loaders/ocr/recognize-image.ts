// One page image (PNM from pdftoppm or ddjvu) to text with Tesseract, read from stdin and written
// to stdout: no temp files. OMP_THREAD_LIMIT=1 because Tesseract's own OpenMP threads cost more
// than they give on a page this size; pages run side by side instead (OCR_CONCURRENCY).
import { runTool } from "./system-tool.js";

export interface RecognizeOptions {
  languages: string;
  dpi: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export async function recognizeImage(image: Buffer, options: RecognizeOptions): Promise<string> {
  // PNM carries no resolution; without --dpi Tesseract guesses 70 and misjudges letter sizes.
  const args = ["-", "-", "-l", options.languages, "--dpi", String(options.dpi)];
  const out = await runTool("tesseract", args, {
    input: image,
    timeoutMs: options.timeoutMs,
    env: { OMP_THREAD_LIMIT: "1" },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return out.toString("utf8");
}
