// Which generation each host serves. The process that keeps a host's INDEX_DIR current (`index
// serve` on the publisher, `index follow` on a bot host) refreshes a key with a short TTL, so a
// host that went away drops out by itself. Read by `index list` and by retention, which never
// deletes a generation some host still names.
import type { Redis } from "ioredis";
import { queueKeys } from "./names.js";
import { type HostServing, hostServingSchema } from "./payloads.js";

export async function announceHostServing(
  redis: Redis,
  prefix: string,
  serving: HostServing,
  ttlSeconds: number,
): Promise<void> {
  const key = queueKeys(prefix).hostServing(serving.host);
  await redis.set(key, JSON.stringify(hostServingSchema.parse(serving)), "EX", ttlSeconds);
}

export async function withdrawHostServing(redis: Redis, prefix: string, host: string): Promise<void> {
  await redis.del(queueKeys(prefix).hostServing(host));
}

/** Every host with a live heartbeat, by name. */
export async function listServingHosts(redis: Redis, prefix: string): Promise<HostServing[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", queueKeys(prefix).hostServingPattern, "COUNT", 200);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  const hosts: HostServing[] = [];
  for (const value of values) {
    if (value === null) continue;
    try {
      const parsed = hostServingSchema.safeParse(JSON.parse(value));
      if (parsed.success) hosts.push(parsed.data);
    } catch {
      // A key someone else wrote by hand: not a heartbeat.
    }
  }
  return hosts.sort((a, b) => a.host.localeCompare(b.host));
}

/** The generations some host serves right now: retention keeps them. */
export async function generationsServedByHosts(redis: Redis, prefix: string): Promise<string[]> {
  const hosts = await listServingHosts(redis, prefix);
  return [...new Set(hosts.map((host) => host.generationId).filter((id): id is string => id !== undefined))];
}
