// Reads Bot API parameters the three ways Telegram accepts them: query string,
// application/json and application/x-www-form-urlencoded bodies.
import type { IncomingMessage } from "node:http";
import { badRequest } from "./api-error.js";
import type { Params } from "./bot-api-methods.js";

export async function readParams(request: IncomingMessage, url: URL): Promise<Params> {
  const params: Params = Object.fromEntries(url.searchParams);
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return params;
  const body = Buffer.concat(chunks).toString("utf8");
  const type = request.headers["content-type"] ?? "";
  if (type.includes("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (typeof parsed === "object" && parsed !== null) Object.assign(params, parsed);
    return params;
  }
  if (type.includes("application/x-www-form-urlencoded")) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    return params;
  }
  throw badRequest(`unsupported content type ${type || "(none)"}`);
}
