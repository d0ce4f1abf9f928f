// The Sentry-protocol stand-in on its own: envelopes as the SDK sends them (newline-separated
// items, or items with a byte length such as attachments, gzip or plain), the project's key
// required, and the events read back.
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SentryStandin, startSentryStandin } from "../src/sentry/index.js";

let sentry: SentryStandin;
beforeEach(async () => {
  sentry = await startSentryStandin({ publicKey: "abc123", projectId: "7" });
});
afterEach(async () => {
  await sentry.close();
});

function envelopeUrl(key = "abc123", project = "7"): string {
  const { host } = new URL(sentry.dsn);
  return `http://${host}/api/${project}/envelope/?sentry_key=${key}&sentry_version=7`;
}

describe("Sentry stand-in", () => {
  it("gives a DSN with the project's key and id", () => {
    expect(sentry.dsn).toMatch(/^http:\/\/abc123@127\.0\.0\.1:\d+\/7$/);
  });

  it("reads a gzip envelope with a length-prefixed attachment and a newline-ended event", async () => {
    const attachment = "line one\nline two";
    const body = [
      JSON.stringify({ event_id: "e1", sent_at: new Date().toISOString() }),
      JSON.stringify({ type: "attachment", length: Buffer.byteLength(attachment), filename: "a.txt" }),
      attachment,
      JSON.stringify({ type: "event" }),
      JSON.stringify({ event_id: "e1", level: "error", tags: { service: "cli" } }),
    ].join("\n");
    const response = await fetch(envelopeUrl(), {
      method: "POST",
      headers: { "content-encoding": "gzip", "content-type": "application/x-sentry-envelope" },
      body: gzipSync(body),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "e1" });
    expect(sentry.events()).toEqual([{ event_id: "e1", level: "error", tags: { service: "cli" } }]);
    expect(sentry.envelopes[0]?.envelope.items.map((item) => item.header.type)).toEqual(["attachment", "event"]);
    expect(sentry.envelopes[0]?.raw).toContain("line two");
  });

  it("refuses a wrong key, a wrong project and a body that is no envelope", async () => {
    const event = `${JSON.stringify({ event_id: "e2" })}\n${JSON.stringify({ type: "event" })}\n{}`;
    expect((await fetch(envelopeUrl("nope"), { method: "POST", body: event })).status).toBe(401);
    expect((await fetch(envelopeUrl("abc123", "8"), { method: "POST", body: event })).status).toBe(404);
    expect((await fetch(envelopeUrl(), { method: "POST", body: "not json" })).status).toBe(400);
    expect(sentry.events()).toEqual([]);
    expect(sentry.refused.map((entry) => entry.status)).toEqual([401, 404, 400]);
  });
});
