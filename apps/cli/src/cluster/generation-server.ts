// The publisher's generations, read-only over HTTP for the bot hosts that have no shared disk:
//   GET /live                         {"generationId": "<id>" | null}
//   GET /generations/<id>/<file>      manifest.json or a file that generation's manifest lists
// Every request needs `Authorization: Bearer <CLUSTER_TOKEN>` (401, no detail, otherwise); what
// may be served is decided by servableFile (nothing outside generations/, no symlinks, no temp
// folders). It listens only on the GENERATION_SERVER_LISTEN addresses. Files are sent as they lie
// on disk: the follower verifies every sha256, so a damaged file here is refused there.
import { constants, createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type IndexStore, servableFile } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { bearerTokenMatches } from "./bearer-token.js";

export interface ListenAddress {
  host: string;
  port: number;
}

export interface GenerationServerOptions {
  store: IndexStore;
  token: string;
  listen: readonly ListenAddress[];
  logger: Logger;
}

export interface GenerationServer {
  /** http://host:port of each listener (the real port when 0 was asked for). */
  readonly urls: string[];
  close(): Promise<void>;
}

const FILE_PATH = /^\/generations\/([^/]+)\/([^/]+)$/;

function reply(response: ServerResponse, status: number, body = "", type = "text/plain; charset=utf-8"): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
}

async function sendFile(response: ServerResponse, path: string, head: boolean): Promise<void> {
  // O_NOFOLLOW: a symlink swapped in after servableFile looked is still not followed.
  const file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  const { size } = await file.stat();
  response.writeHead(200, { "content-type": "application/octet-stream", "content-length": size });
  if (head) {
    await file.close();
    response.end();
    return;
  }
  createReadStream("", { fd: file, autoClose: true }).pipe(response);
}

function handler(options: GenerationServerOptions) {
  const { store, token, logger } = options;
  return (request: IncomingMessage, response: ServerResponse) => {
    if (!bearerTokenMatches(request.headers.authorization, token)) {
      logger.warn(`Сервер поколений: запрос без верного токена отклонён (${request.socket.remoteAddress})`);
      response.writeHead(401, { "www-authenticate": "Bearer" }).end();
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    // The raw path, not a URL-normalised one: "/generations/../x" must be refused, not resolved.
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    if (path === "/live") {
      reply(response, 200, `${JSON.stringify({ generationId: store.liveId() ?? null })}\n`, "application/json");
      return;
    }
    const match = FILE_PATH.exec(path);
    const file = match ? servableFile(store, match[1] ?? "", match[2] ?? "") : undefined;
    if (!file) {
      logger.warn(`Сервер поколений: отказано в ${JSON.stringify(path.slice(0, 200))} — это не файл поколения`);
      reply(response, 404, "not found\n");
      return;
    }
    sendFile(response, file.path, request.method === "HEAD").catch((error: Error) => {
      logger.error(`Сервер поколений: не удалось отдать ${path}: ${error.message}`);
      if (!response.headersSent) reply(response, 500, "unavailable\n");
      else response.destroy();
    });
  };
}

function listen(server: Server, address: ListenAddress): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(address.port, address.host, () => {
      const port = (server.address() as AddressInfo).port;
      resolve(`http://${address.host.includes(":") ? `[${address.host}]` : address.host}:${port}`);
    });
  });
}

export async function startGenerationServer(options: GenerationServerOptions): Promise<GenerationServer> {
  const servers: Server[] = [];
  const urls: string[] = [];
  const close = () =>
    Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    ).then(() => {});
  try {
    for (const address of options.listen) {
      const server = createServer(handler(options));
      servers.push(server);
      urls.push(await listen(server, address));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { urls, close };
}
