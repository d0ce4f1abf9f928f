// A local HTTP server that speaks enough of the OpenAI API (embeddings, chat completions with
// streaming, models) for tests and benchmarks to run with no internet. It records every
// request, can demand a bearer key, and can be told to fail the next requests with 429/500.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultReply } from "./chat-replies.js";
import { fakeEmbedding } from "./fake-embedding.js";
import { BadRequestError, readJsonBody, sendError } from "./http-helpers.js";
import { handleChatCompletion, handleEmbeddings, handleModels, type RouteSettings } from "./routes.js";
import type { FaultSpec, OpenAiStandin, OpenAiStandinOptions, RecordedRequest, ReplyScript } from "./types.js";

function headersWithoutAuth(request: IncomingMessage): RecordedRequest["headers"] {
  const { authorization: _hidden, ...rest } = request.headers;
  return rest;
}

export async function startOpenAiStandin(options: OpenAiStandinOptions = {}): Promise<OpenAiStandin> {
  const requests: RecordedRequest[] = [];
  const faults: FaultSpec[] = [];
  let reply: ReplyScript = options.reply ?? defaultReply;
  let counter = 0;
  const settings: RouteSettings = {
    embeddingDims: options.embeddingDims ?? 64,
    vectorScale: options.vectorScale ?? 1,
    embed: options.embed
      ? (text, dims, scale) => (options.embed?.(text, dims) ?? []).map((value) => value * scale)
      : fakeEmbedding,
    streamChunkChars: options.streamChunkChars ?? 12,
    models: options.models ?? ["text-embedding-3-small", "gpt-4o-mini"],
    reply: () => reply,
    nextId: () => `chatcmpl-standin-${++counter}`,
  };

  async function respond(request: IncomingMessage, response: ServerResponse, body: unknown): Promise<number> {
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      // Deliberately echoes the presented key, as some compatible servers do, so tests can
      // prove that callers never copy a server's error text with a key into their own errors.
      const presented = request.headers.authorization?.replace(/^Bearer\s+/i, "") ?? "";
      sendError(response, 401, `Incorrect API key provided: ${presented}.`, "invalid_request_error", "invalid_api_key");
      return 401;
    }
    const fault = faults.shift();
    if (fault) {
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
      const message = fault.status === 429 ? "Rate limit reached for requests." : "The server had an error.";
      sendError(response, fault.status, message, fault.status === 429 ? "requests" : "server_error", null, headers);
      return fault.status;
    }
    const path = (request.url ?? "/").split("?")[0];
    if (request.method === "POST" && path === "/v1/embeddings") return handleEmbeddings(response, body, settings);
    if (request.method === "POST" && path === "/v1/chat/completions") {
      return handleChatCompletion(response, body, settings);
    }
    if (request.method === "GET" && path === "/v1/models") return handleModels(response, settings);
    sendError(response, 404, `Unknown request URL: ${request.method} ${path}.`, "invalid_request_error", null);
    return 404;
  }

  const server = createServer((request, response) => {
    const record: RecordedRequest = {
      method: request.method ?? "GET",
      path: (request.url ?? "/").split("?")[0] ?? "/",
      headers: headersWithoutAuth(request),
      body: undefined,
      status: 0,
      receivedAt: performance.now(),
      respondedAt: 0,
    };
    requests.push(record);
    const delayMs = options.responseDelayMs ?? 0;
    readJsonBody(request)
      .then(async (body) => {
        record.body = body;
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        return respond(request, response, body);
      })
      .then((status) => {
        record.status = status;
        record.respondedAt = performance.now();
      })
      .catch((error: unknown) => {
        record.status = error instanceof BadRequestError ? 400 : 500;
        record.respondedAt = performance.now();
        if (response.headersSent) return response.end();
        sendError(
          response,
          record.status,
          error instanceof Error ? error.message : "error",
          "invalid_request_error",
          null,
        );
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: {
      setReply(next) {
        reply = next;
      },
      failNext(count, fault) {
        for (let i = 0; i < count; i++) faults.push(fault);
      },
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
