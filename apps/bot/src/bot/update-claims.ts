// Each Telegram update is handled once, whichever bot process gets it: webhook replicas behind
// a load balancer, a restarted poller that is handed its last batch again, or Telegram retrying
// a delivery. A process claims the update_id in Redis (SET NX) before any work, with a short
// lease that it renews while it works — so a process killed mid-answer lets go within one lease,
// however long answers may take; done, the claim is kept long enough to outlast Telegram's
// retries; failed, it is released so a retry is served. Without Redis (the bot-wide breaker has it
// marked unreachable) every update is served: answering twice is better than not answering.
import { randomBytes } from "node:crypto";
import type { RedisBreaker } from "../app/redis-breaker.js";

export interface UpdateClaims {
  /** True when this process should handle the update (no other process claimed it). */
  claim(update: UpdateRef): Promise<boolean>;
  /** The update was handled: keep the claim (a late duplicate is then ignored). */
  done(update: UpdateRef): Promise<void>;
  /**
   * After a lost claim: true when the other process has handled the update, false while it is
   * still at work on it (or crashed holding it, until its lease runs out).
   */
  handled(update: UpdateRef): Promise<boolean>;
  /** Stops renewing every claim still held (shutdown; in tests, a process that crashed). */
  stopRenewals(): void;
  /** The update failed: drop the claim so Telegram's retry is served. */
  release(update: UpdateRef): Promise<void>;
}

/** An update of one bot: update ids are per bot, and bots may share a Redis and a prefix. */
export interface UpdateRef {
  botId: number;
  updateId: number;
}

export interface UpdateClaimsOptions {
  /** Key prefix, e.g. "ai-library:update:" (tests use their own). */
  prefix: string;
  /** How long a claim holds unless renewed: a crashed process lets go of its updates after it. */
  leaseMs: number;
  /** How often a held claim is renewed while its update is handled (default a third of the lease). */
  renewEveryMs?: number;
  /** How long a handled update stays claimed. */
  doneMs: number;
}

/** The claim's value once the update was handled; while it is handled, the value is its owner's token. */
const HANDLED = "done";

/** KEYS[1] = the claim; ARGV = owner token, lease ms. Renews only the owner's own, unfinished claim. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** The lease of an update being handled (renewed every third of it while the process works). */
export const UPDATE_CLAIM_LEASE_MS = 15_000;

/** Telegram stops redelivering an update after a day at most; an hour covers its retries in practice. */
export const HANDLED_CLAIM_MS = 60 * 60_000;

export function createUpdateClaims(redis: RedisBreaker, options: UpdateClaimsOptions): UpdateClaims {
  const key = (update: UpdateRef) => `${options.prefix}${update.botId}:${update.updateId}`;
  // Unique per process (pids repeat across hosts): whose claim it is, for renewals.
  const owner = `${process.pid}-${randomBytes(6).toString("hex")}`;
  const renewals = new Map<string, NodeJS.Timeout>();
  const renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(options.leaseMs / 3));
  const keepRenewing = (claimKey: string) => {
    const timer = setInterval(() => {
      void redis.run(
        async (client) => {
          await client.eval(RENEW, 1, claimKey, owner, options.leaseMs);
        },
        () => undefined,
      );
    }, renewEveryMs);
    timer.unref();
    renewals.set(claimKey, timer);
  };
  const stopRenewing = (claimKey: string) => {
    clearInterval(renewals.get(claimKey));
    renewals.delete(claimKey);
  };
  return {
    claim: (update) =>
      redis.run(
        async (client) => {
          const won = (await client.set(key(update), owner, "PX", options.leaseMs, "NX")) === "OK";
          if (won) keepRenewing(key(update));
          return won;
        },
        () => true,
      ),
    async done(update) {
      stopRenewing(key(update));
      await redis.run(
        async (client) => {
          await client.set(key(update), HANDLED, "PX", options.doneMs);
        },
        () => undefined,
      );
    },
    // Without Redis nobody else can be known to have it: serve it (answering twice beats not answering).
    handled: (update) =>
      redis.run(
        async (client) => (await client.get(key(update))) === HANDLED,
        () => false,
      ),
    stopRenewals() {
      for (const claimKey of [...renewals.keys()]) stopRenewing(claimKey);
    },
    async release(update) {
      stopRenewing(key(update));
      await redis.run(
        async (client) => {
          await client.del(key(update));
        },
        () => undefined,
      );
    },
  };
}
