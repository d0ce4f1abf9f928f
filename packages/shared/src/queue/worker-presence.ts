// Which worker processes are up and whether they take jobs. Each worker refreshes a key with a
// short TTL, so a worker that died (kill -9, machine down) disappears from `queue status` by
// itself; BullMQ's own worker list cannot show a worker held by INGESTION_ENABLED=false.
import type { Redis } from "ioredis";
import { queueKeys } from "./names.js";
import { type WorkerPresence, workerPresenceSchema } from "./payloads.js";

export async function announceWorker(redis: Redis, prefix: string, presence: WorkerPresence, ttlSeconds: number) {
  const key = queueKeys(prefix).workerPresence(presence.workerId);
  await redis.set(key, JSON.stringify(workerPresenceSchema.parse(presence)), "EX", ttlSeconds);
}

export async function withdrawWorker(redis: Redis, prefix: string, workerId: string): Promise<void> {
  await redis.del(queueKeys(prefix).workerPresence(workerId));
}

export async function listWorkers(redis: Redis, prefix: string): Promise<WorkerPresence[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", queueKeys(prefix).workerPresencePattern, "COUNT", 200);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  return values
    .map((value) => (value === null ? undefined : workerPresenceSchema.safeParse(JSON.parse(value))))
    .filter((parsed) => parsed?.success === true)
    .map((parsed) => parsed.data)
    .sort((a, b) => a.workerId.localeCompare(b.workerId));
}
