// The /metrics + /healthz endpoint both services use: /healthz answers 200 or 503 from the
// service's own health report, anything else is 404, and port 0 serves nothing at all.
import { freePort } from "@ai-library/standins/net";
import { afterEach, describe, expect, it } from "vitest";
import { createMetricsRegistry, type MetricsServer, startMetricsServer } from "../../src/metrics/index.js";
import { quietLogger } from "../embeddings/quiet-logger.js";

const servers: MetricsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("/healthz", () => {
  it("answers 200 when healthy, 503 when not, 404 elsewhere, and nothing at all on port 0", async () => {
    let ok = true;
    let generation: string | null = null;
    const registry = createMetricsRegistry({ service: "bot" });
    const server = await startMetricsServer({
      port: await freePort(),
      registry,
      health: () => ({ ok, generation }),
      logger: quietLogger(),
    });
    servers.push(server);
    const port = server.port ?? 0;
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toEqual({ ok: true, generation: null });
    generation = "20260101T000000Z-abcd";
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ ok: true, generation });
    ok = false;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(503);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    const disabled = await startMetricsServer({ port: 0, registry, health: () => ({ ok }), logger: quietLogger() });
    expect(disabled.port).toBeUndefined();
  });
});
