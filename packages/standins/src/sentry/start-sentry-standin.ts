// A local HTTP server that speaks Sentry's ingestion protocol: POST /api/<project>/envelope/
// with the project's public key (X-Sentry-Auth or ?sentry_key=), body an envelope, gzip or not.
// It answers as Sentry does ({"id": event id}) and keeps every envelope, raw and parsed, so a
// test can read the events a real SDK sent — and search the raw bytes for secrets.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, inflateSync } from "node:zlib";
import { type Envelope, EnvelopeFormatError, parseEnvelope } from "./parse-envelope.js";

export interface SentryEvent {
  event_id?: string;
  level?: string;
  message?: string | { formatted?: string };
  tags?: Record<string, string>;
  exception?: { values?: { type?: string; value?: string; mechanism?: { handled?: boolean; type?: string } }[] };
  [key: string]: unknown;
}

export interface ReceivedEnvelope {
  projectId: string;
  /** The decompressed body exactly as sent. */
  raw: string;
  envelope: Envelope;
}

export interface SentryStandin {
  /** DSN for the SDK: http://<publicKey>@127.0.0.1:<port>/<projectId>. */
  dsn: string;
  envelopes: ReceivedEnvelope[];
  /** Events of every envelope so far (items of type "event"). */
  events(): SentryEvent[];
  /** Requests refused: wrong path, wrong key, unreadable envelope. */
  refused: { status: number; reason: string }[];
  waitForEvents(count: number, timeoutMs?: number): Promise<SentryEvent[]>;
  close(): Promise<void>;
}

export interface SentryStandinOptions {
  publicKey?: string;
  projectId?: string;
}

function presentedKey(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers["x-sentry-auth"];
  const fromHeader = typeof header === "string" ? /sentry_key=([^,\s]+)/.exec(header)?.[1] : undefined;
  return fromHeader ?? url.searchParams.get("sentry_key") ?? undefined;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const encoding = request.headers["content-encoding"];
  if (encoding === "gzip") return gunzipSync(body);
  if (encoding === "deflate") return inflateSync(body);
  return body;
}

export async function startSentryStandin(options: SentryStandinOptions = {}): Promise<SentryStandin> {
  const publicKey = options.publicKey ?? "publickey";
  const projectId = options.projectId ?? "1";
  const envelopes: ReceivedEnvelope[] = [];
  const refused: SentryStandin["refused"] = [];

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://standin");
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    const refuse = (status: number, reason: string) => {
      refused.push({ status, reason });
      send(status, { detail: reason });
    };
    const match = /^\/api\/([^/]+)\/envelope\/?$/.exec(url.pathname);
    if (request.method !== "POST" || !match) return refuse(404, `unknown endpoint ${request.method} ${url.pathname}`);
    if (match[1] !== projectId) return refuse(404, `unknown project ${match[1]}`);
    if (presentedKey(request, url) !== publicKey) return refuse(401, "missing or wrong sentry_key");
    readBody(request)
      .then((body) => {
        const envelope = parseEnvelope(body);
        envelopes.push({ projectId, raw: body.toString("utf8"), envelope });
        send(200, { id: envelope.header.event_id ?? null });
      })
      .catch((error: unknown) =>
        refuse(400, error instanceof EnvelopeFormatError ? error.message : `unreadable body: ${String(error)}`),
      );
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const events = () =>
    envelopes.flatMap(({ envelope }) =>
      envelope.items.filter((item) => item.header.type === "event").map((item) => item.payload as SentryEvent),
    );

  return {
    dsn: `http://${publicKey}@127.0.0.1:${port}/${projectId}`,
    envelopes,
    events,
    refused,
    async waitForEvents(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (events().length < count) {
        if (Date.now() > deadline) {
          throw new Error(
            `Sentry stand-in: ${events().length} of ${count} events after ${timeoutMs} ms` +
              (refused.length > 0 ? `; refused: ${refused.map((entry) => entry.reason).join("; ")}` : ""),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return events();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
