// The Debian tools that turn a page into a scan: pdftoppm (poppler-utils) rasterises, img2pdf
// wraps images into an image-only PDF, c44/cjb2/djvm/djvused (djvulibre-bin) make DjVu, pdfunite
// joins PDFs. scripts/setup-system.sh installs them; a missing one fails with that advice.
import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function scanTool(program: string, args: string[]): Promise<void> {
  try {
    await run(program, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new Error(`${program} is not installed: run scripts/setup-system.sh (it installs the OCR tools)`);
    }
    throw new Error(`${program} ${args.join(" ")} failed: ${(error as { stderr?: string }).stderr ?? error}`);
  }
}

/** Rasterises pages of a PDF into `${root}-<n>.<pgm|pbm>` files at `dpi`; returns their paths in page order. */
export async function rasterisePdf(
  pdf: string,
  root: string,
  options: { dpi: number; mono?: boolean; first?: number; last?: number },
): Promise<string[]> {
  const range = [
    ...(options.first ? ["-f", String(options.first)] : []),
    ...(options.last ? ["-l", String(options.last)] : []),
  ];
  await scanTool("pdftoppm", ["-r", String(options.dpi), options.mono ? "-mono" : "-gray", ...range, pdf, root]);
  const prefix = `${basename(root)}-`;
  const files = (await readdir(dirname(root))).filter((name) => name.startsWith(prefix) && /\.p[bg]m$/.test(name));
  const pageOf = (name: string) => Number(name.slice(prefix.length).replace(/\.p[bg]m$/, ""));
  return files.sort((a, b) => pageOf(a) - pageOf(b)).map((name) => join(dirname(root), name));
}
