// Turns an unexpected exit of the parse child into a BookLoadError a person can act on.
import { BookLoadError } from "../types.js";

export interface ChildDeath {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderrTail: string;
  memoryMb: number;
}

// What V8 prints when the heap cap (--max-old-space-size) is hit, before it aborts the process.
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Allocation failed|Array buffer allocation failed/i;

export function describeChildDeath(file: string, death: ChildDeath): BookLoadError {
  const how = death.signal ? `сигнал ${death.signal}` : `код выхода ${death.code}`;
  if (OUT_OF_MEMORY.test(death.stderrTail) || death.signal === "SIGABRT" || death.code === 134) {
    return new BookLoadError("out_of_memory", file, `разборщик занял больше ${death.memoryMb} МБ памяти (${how})`);
  }
  const lastLine = death.stderrTail.trim().split("\n").filter(Boolean).at(-1)?.slice(0, 300);
  return new BookLoadError("corrupt", file, `разборщик аварийно завершился (${how})${lastLine ? `: ${lastLine}` : ""}`);
}
