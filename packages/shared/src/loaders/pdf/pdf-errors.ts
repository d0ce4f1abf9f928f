// Maps pdf.js failures to book error kinds. pdf.js reports by exception name, not class identity.
import { BookLoadError } from "../types.js";

export function pdfErrorToBookError(error: unknown, file: string): BookLoadError {
  if (error instanceof BookLoadError) return error;
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "PasswordException") return new BookLoadError("encrypted", file, `PDF требует пароль: ${message}`);
  if (name === "InvalidPDFException") return new BookLoadError("corrupt", file, `нарушена структура PDF: ${message}`);
  return new BookLoadError("corrupt", file, `PDF не удалось прочитать (${name || "error"}: ${message})`);
}
