// GET /metrics (Prometheus text format) and GET /healthz (JSON; 200 when healthy, 503 when not)
// on a port of its own, apart from the bot's webhook. Port 0 in the config means "no listener".
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import type { Logger } from "../logging/index.js";

export interface HealthReport {
  ok: boolean;
  [detail: string]: unknown;
}

export interface MetricsServerOptions {
  /** BOT_METRICS_PORT / WORKER_METRICS_PORT; 0 = do not listen. */
  port: number;
  /** METRICS_HOST: 127.0.0.1 unless Prometheus scrapes from another machine. */
  host?: string;
  registry: Registry;
  health: () => HealthReport | Promise<HealthReport>;
  logger: Logger;
}

export interface MetricsServer {
  /** The port listened on; undefined when disabled. */
  readonly port: number | undefined;
  close(): Promise<void>;
}

async function respond(
  path: string,
  options: MetricsServerOptions,
): Promise<{ status: number; type: string; body: string }> {
  if (path === "/metrics") {
    return { status: 200, type: options.registry.contentType, body: await options.registry.metrics() };
  }
  if (path === "/healthz") {
    const report = await options.health();
    return { status: report.ok ? 200 : 503, type: "application/json", body: `${JSON.stringify(report)}\n` };
  }
  return { status: 404, type: "text/plain", body: "Not found: try /metrics or /healthz\n" };
}

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  if (options.port === 0) return { port: undefined, close: async () => {} };
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    respond(path, options).then(
      ({ status, type, body }) => response.writeHead(status, { "content-type": type }).end(body),
      (error: Error) => {
        options.logger.error(`Сервер метрик: ошибка ${path}: ${error.message}`);
        response.writeHead(500, { "content-type": "text/plain" }).end("metrics unavailable\n");
      },
    );
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info(`Метрики: http://${host}:${port}/metrics, здоровье: /healthz`);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
