// The record of ingest runs that `ingest status` reads: kept in Redis beside the queue,
// bounded to RUN_HISTORY_LENGTH runs, and independent of BullMQ's job retention so a run's
// outcome stays visible after its jobs and events have been removed.
import type { Redis } from "ioredis";
import { queueKeys, RUN_HISTORY_LENGTH } from "./names.js";
import { type RunRecord, runRecordSchema } from "./payloads.js";

export interface RunHistory {
  /** Records a run when it is enqueued; an existing record (a duplicate trigger) is kept. */
  recordQueued(record: RunRecord): Promise<boolean>;
  /** Stores a run's record, replacing the one it had (queued → final state). */
  save(record: RunRecord): Promise<void>;
  get(runId: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  recent(limit?: number): Promise<RunRecord[]>;
}

function parseRecord(json: string | null): RunRecord | undefined {
  if (json === null) return undefined;
  const parsed = runRecordSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : undefined;
}

export function openRunHistory(redis: Redis, prefix: string, maxRuns = RUN_HISTORY_LENGTH): RunHistory {
  const keys = queueKeys(prefix);

  const trim = async () => {
    const dropped = await redis.lrange(keys.runOrder, maxRuns, -1);
    if (dropped.length === 0) return;
    await redis
      .multi()
      .ltrim(keys.runOrder, 0, maxRuns - 1)
      .hdel(keys.runRecords, ...dropped)
      .exec();
  };

  return {
    async recordQueued(record) {
      const added = await redis.hsetnx(keys.runRecords, record.runId, JSON.stringify(runRecordSchema.parse(record)));
      if (added === 1) {
        await redis.lpush(keys.runOrder, record.runId);
        await trim();
      }
      return added === 1;
    },
    async save(record) {
      const json = JSON.stringify(runRecordSchema.parse(record));
      const existed = await redis.hexists(keys.runRecords, record.runId);
      await redis.hset(keys.runRecords, record.runId, json);
      if (existed !== 1) {
        // A run enqueued by a producer that could not write history (or whose record was trimmed).
        await redis.lpush(keys.runOrder, record.runId);
        await trim();
      }
    },
    async get(runId) {
      return parseRecord(await redis.hget(keys.runRecords, runId));
    },
    async recent(limit = 20) {
      const ids = await redis.lrange(keys.runOrder, 0, Math.max(0, limit - 1));
      if (ids.length === 0) return [];
      const values = await redis.hmget(keys.runRecords, ...ids);
      return values.map(parseRecord).filter((record): record is RunRecord => record !== undefined);
    },
  };
}
