// /healthz and /metrics of the worker on WORKER_METRICS_PORT (0 = no listener). Health is
// served whether or not ingestion is enabled: a held worker is up, just not consuming.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface HealthReport {
  ok: boolean;
  [field: string]: unknown;
}

export interface HealthServer {
  readonly port: number | undefined;
  close(): Promise<void>;
}

export async function startHealthServer(
  port: number,
  health: () => HealthReport,
  metrics: Registry,
): Promise<HealthServer> {
  if (port === 0) return { port: undefined, close: async () => {} };
  const server: Server = createServer((request, response) => {
    if (request.url === "/healthz") {
      const report = health();
      response.writeHead(report.ok ? 200 : 503, { "content-type": "application/json" });
      response.end(JSON.stringify(report));
      return;
    }
    if (request.url === "/metrics") {
      metrics
        .metrics()
        .then((text) => {
          response.writeHead(200, { "content-type": metrics.contentType });
          response.end(text);
        })
        .catch((error: Error) => {
          response.writeHead(500);
          response.end(error.message);
        });
      return;
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
