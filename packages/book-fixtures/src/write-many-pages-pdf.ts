// A hostile PDF: a hand-written minimal file with N pages, cheap to generate for any N.
// Every page shows one short line so the file is also a valid "big book" for timeout tests.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

export interface ManyPagesOptions {
  /** ASCII text drawn on every page (Helvetica); omit for empty pages. */
  lineText?: string;
}

export async function writeManyPagesPdf(path: string, pages: number, options: ManyPagesOptions = {}): Promise<void> {
  if (!Number.isInteger(pages) || pages < 1) throw new Error("writeManyPagesPdf: pages must be a positive integer");
  const objects: string[] = [];
  const pageIds = Array.from({ length: pages }, (_, i) => 5 + i);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages} >>`;
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  const line = (options.lineText ?? "").replace(/[()\\]/g, "\\$&");
  const stream = line ? `BT /F1 12 Tf 72 720 Td (${line}) Tj ET` : "";
  objects[4] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  for (const id of pageIds) {
    objects[id] =
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>";
  }
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id += 1) {
    offsets[id] = Buffer.byteLength(body, "latin1");
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xrefStart = Buffer.byteLength(body, "latin1");
  const rows = offsets.slice(1).map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`);
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n${rows.join("")}`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xrefStart}\n%%EOF\n`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, body, "latin1");
}
