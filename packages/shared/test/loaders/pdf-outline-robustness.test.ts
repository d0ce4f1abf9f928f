// A hostile outline costs the section names, never the book: a cycle in the outline, named
// destinations that do not exist, destinations to objects that are not pages, garbage labels.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadBook } from "../../src/loaders/index.js";
import { TEST_LIMITS, useTempDir } from "./temp-dir.js";

const dir = useTempDir("pdf-outline-robustness");

/** A minimal PDF from numbered object bodies, with a correct cross-reference table. */
function rawPdf(objects: string[], root = 1): string {
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (const [index, object] of objects.entries()) {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, "latin1");
  const rows = offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  return `${body}xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${rows}trailer\n<< /Size ${objects.length + 1} /Root ${root} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

const stream = (text: string) => `<< /Length ${text.length} >>\nstream\n${text}\nendstream`;
const line = (text: string) => `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;

describe("a PDF with a broken outline and page labels", () => {
  it("loads every page, names the section of the one good entry and ignores the rest", async () => {
    const path = join(dir(), "hostile-outline.pdf");
    const objects = [
      // 1 catalog: labels with a bogus style and a wrong shape
      "<< /Type /Catalog /Pages 2 0 R /Outlines 3 0 R /PageLabels << /Nums [0 << /S /Q >> 1 42] >> >>",
      "<< /Type /Pages /Kids [9 0 R 10 0 R] /Count 2 >>",
      "<< /Type /Outlines /First 4 0 R /Last 7 0 R >>",
      // 4 good entry → page 2 (object 10); 5 points back to 4 (a cycle); 6 named dest that does not exist; 7 dest to a non-page
      "<< /Title (Good chapter) /Parent 3 0 R /Next 5 0 R /Dest [10 0 R /XYZ 0 0 0] >>",
      "<< /Title (Cycle) /Parent 3 0 R /Next 4 0 R /First 5 0 R /Dest [8 0 R /Fit] >>",
      "<< /Title (Missing) /Parent 3 0 R /Next 7 0 R /Dest (nowhere) >>",
      "<< /Title (Not a page) /Parent 3 0 R /Dest [3 0 R /Fit] >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 8 0 R >> >> /Contents 11 0 R >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 8 0 R >> >> /Contents 12 0 R >>",
      stream(line("First page of a hostile little book")),
      stream(line("Good chapter starts here with real words")),
    ];
    await writeFile(path, rawPdf(objects), "latin1");
    const book = await loadBook(path, TEST_LIMITS);
    expect(book.sections.map(({ page, section }) => ({ page, section }))).toEqual([
      { page: 1 },
      { page: 2, section: "Good chapter" },
    ]);
    expect(book.sections.every((section) => section.pageLabel === undefined || section.pageLabel.length <= 24)).toBe(
      true,
    );
  });
});
