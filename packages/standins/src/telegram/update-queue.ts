// Pending updates with getUpdates semantics: `offset` confirms (drops) every update below
// it, `timeout` holds the request open until an update arrives, and a second concurrent
// getUpdates ends the first one with 409, as Telegram does when two pollers share a token.
import { conflictError } from "./api-error.js";
import type { TgUpdate, UpdateBody } from "./types.js";

interface Waiter {
  wake: () => void;
  conflict: () => void;
}

export interface TakeRequest {
  offset: number;
  limit: number;
  timeoutSeconds: number;
  /** Fires when the HTTP client goes away, so an abandoned long poll stops waiting. */
  closed: AbortSignal;
}

export class UpdateQueue {
  private updates: TgUpdate[] = [];
  private nextId: number;
  private waiter: Waiter | undefined;

  constructor(firstId = 1) {
    this.nextId = firstId;
  }

  /** `updateId` delivers an update again under the id it had (a retry, or a copy on another replica). */
  push(body: UpdateBody, updateId?: number): number {
    const update = { update_id: updateId ?? this.nextId++, ...body };
    if (updateId !== undefined) this.nextId = Math.max(this.nextId, updateId + 1);
    this.updates.push(update);
    this.waiter?.wake();
    return update.update_id;
  }

  /** Updates not yet confirmed by an offset. */
  get pending(): number {
    return this.updates.length;
  }

  dropAll(): void {
    this.updates = [];
  }

  private confirm(offset: number): void {
    if (offset > 0) this.updates = this.updates.filter((update) => update.update_id >= offset);
    else if (offset < 0) this.updates = this.updates.slice(offset);
  }

  async take(request: TakeRequest): Promise<TgUpdate[]> {
    this.confirm(request.offset);
    this.waiter?.conflict();
    if (this.updates.length === 0 && request.timeoutSeconds > 0) {
      await new Promise<void>((resolve, reject) => {
        const settle = (outcome: () => void) => {
          clearTimeout(timer);
          request.closed.removeEventListener("abort", finish);
          if (this.waiter === waiter) this.waiter = undefined;
          outcome();
        };
        const finish = () => settle(resolve);
        const waiter: Waiter = { wake: finish, conflict: () => settle(() => reject(conflictError())) };
        const timer = setTimeout(finish, request.timeoutSeconds * 1000);
        request.closed.addEventListener("abort", finish);
        this.waiter = waiter;
      });
    }
    return this.updates.slice(0, Math.min(Math.max(request.limit, 1), 100));
  }

  /** Releases a held long poll (used when the stand-in closes). */
  release(): void {
    this.waiter?.wake();
  }
}
