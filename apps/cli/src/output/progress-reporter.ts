// Ingest progress on the terminal: a bar when stderr is a TTY, plain lines otherwise
// (systemd journals, CI logs, pipes).
import type { WriteStream } from "node:tty";
import type { IngestProgress } from "@ai-library/shared/pipeline";
import cliProgress from "cli-progress";

export interface ProgressReporter {
  update(progress: IngestProgress): void;
  stop(): void;
}

/** The book being worked on, with its OCR pages while they are recognised (inline ingest). */
function currentOf(progress: IngestProgress): string {
  const file = progress.currentFile ?? "";
  const ocr = progress.ocr;
  return ocr && ocr.file === file ? `${file} (OCR ${ocr.done}/${ocr.total})` : file;
}

export function createProgressReporter(stream: NodeJS.WriteStream | WriteStream): ProgressReporter {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: "{bar} {value}/{total} книг | страниц: {pages} | фрагментов: {chunks} | {file}",
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(progress) {
        const payload = { pages: progress.pages, chunks: progress.chunksEmbedded, file: currentOf(progress) };
        if (!started) {
          bar.start(progress.booksTotal, progress.booksDone, payload);
          started = true;
        } else bar.update(progress.booksDone, payload);
      },
      stop: () => started && bar.stop(),
    };
  }
  // One line per book started or finished: chunk-level updates would flood a log file.
  let lastKey = "";
  return {
    update(progress) {
      // OCR pages count in tens: a 300-page scan gets 30 lines, not 300.
      const ocrStep = progress.ocr ? Math.floor(progress.ocr.done / 10) : "";
      const key = `${progress.booksDone}|${progress.currentFile ?? ""}|${ocrStep}`;
      if (key === lastKey) return;
      lastKey = key;
      const current = currentOf(progress) ? `, сейчас: ${currentOf(progress)}` : "";
      stream.write(`[ingest] книг ${progress.booksDone}/${progress.booksTotal}, страниц ${progress.pages}${current}\n`);
    },
    stop() {},
  };
}
