// Sentry's envelope format (https://develop.sentry.dev/sdk/data-model/envelopes/): a JSON header
// line, then items, each a JSON item header line and a payload — `length` bytes when the header
// gives a length, otherwise up to the next newline.

export interface EnvelopeItem {
  header: { type?: string; length?: number; [key: string]: unknown };
  /** The payload parsed as JSON, or undefined when it is not JSON (attachments). */
  payload: unknown;
}

export interface Envelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

export class EnvelopeFormatError extends Error {}

function readLine(body: Buffer, start: number): { line: string; next: number } {
  const end = body.indexOf(0x0a, start);
  const stop = end === -1 ? body.length : end;
  return { line: body.subarray(start, stop).toString("utf8"), next: stop + 1 };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new EnvelopeFormatError(`${what} is not JSON: ${text.slice(0, 80)}`);
  }
}

export function parseEnvelope(body: Buffer): Envelope {
  const first = readLine(body, 0);
  const header = parseJson(first.line, "envelope header") as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  let offset = first.next;
  while (offset < body.length) {
    const headerLine = readLine(body, offset);
    if (headerLine.line.trim() === "") {
      offset = headerLine.next;
      continue;
    }
    const itemHeader = parseJson(headerLine.line, "item header") as EnvelopeItem["header"];
    let raw: Buffer;
    if (typeof itemHeader.length === "number") {
      raw = body.subarray(headerLine.next, headerLine.next + itemHeader.length);
      offset = headerLine.next + itemHeader.length + 1;
    } else {
      const payloadLine = readLine(body, headerLine.next);
      raw = Buffer.from(payloadLine.line, "utf8");
      offset = payloadLine.next;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString("utf8")) as unknown;
    } catch {
      payload = undefined;
    }
    items.push({ header: itemHeader, payload });
  }
  return { header, items };
}
