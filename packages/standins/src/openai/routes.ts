// Request handlers for the three endpoints the project uses: embeddings, chat completions, models.
import type { ServerResponse } from "node:http";
import { completionBody, completionStreamEvents, readMessages } from "./chat-replies.js";
import { approximateTokens, toBase64Float32 } from "./fake-embedding.js";
import { asRecord, BadRequestError, sendJson } from "./http-helpers.js";
import type { ReplyScript } from "./types.js";

export interface RouteSettings {
  embeddingDims: number;
  vectorScale: number;
  embed: (text: string, dims: number, scale: number) => number[];
  streamChunkChars: number;
  models: string[];
  reply: () => ReplyScript;
  nextId: () => string;
}

export function handleEmbeddings(response: ServerResponse, body: unknown, settings: RouteSettings): number {
  const request = asRecord(body);
  const input = request.input;
  const texts = typeof input === "string" ? [input] : Array.isArray(input) ? input : undefined;
  if (!texts || texts.length === 0 || texts.some((text) => typeof text !== "string")) {
    throw new BadRequestError("'input' must be a non-empty string or array of strings.");
  }
  const dims = typeof request.dimensions === "number" ? request.dimensions : settings.embeddingDims;
  const base64 = request.encoding_format === "base64";
  const data = (texts as string[]).map((text, index) => {
    const vector = settings.embed(text, dims, settings.vectorScale);
    return { object: "embedding", index, embedding: base64 ? toBase64Float32(vector) : vector };
  });
  const promptTokens = (texts as string[]).reduce((sum, text) => sum + approximateTokens(text), 0);
  sendJson(response, 200, {
    object: "list",
    data,
    model: String(request.model ?? "standin-embedding"),
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
  return 200;
}

export function handleChatCompletion(response: ServerResponse, body: unknown, settings: RouteSettings): number {
  const request = asRecord(body);
  const messages = readMessages(request);
  if (messages.length === 0) throw new BadRequestError("'messages' must be a non-empty array.");
  const reply = settings.reply()(messages);
  const context = {
    id: settings.nextId(),
    model: String(request.model ?? "standin-chat"),
    created: Math.floor(Date.now() / 1000),
    promptTokens: messages.reduce((sum, message) => sum + approximateTokens(message.content), 0),
  };
  if (request.stream === true) {
    const includeUsage = asRecord(request.stream_options).include_usage === true;
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    for (const event of completionStreamEvents(reply, context, settings.streamChunkChars, includeUsage)) {
      response.write(event);
    }
    response.end();
    return 200;
  }
  sendJson(response, 200, completionBody(reply, context));
  return 200;
}

export function handleModels(response: ServerResponse, settings: RouteSettings): number {
  sendJson(response, 200, {
    object: "list",
    data: settings.models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "standin" })),
  });
  return 200;
}
