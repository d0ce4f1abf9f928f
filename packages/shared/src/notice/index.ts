// The "a new index generation is live" notice on its own, without the queue's BullMQ: what the
// CLI's `index rollback` and `index restore` load to tell the bots, as fast as a switch should
// reach them. The queue package re-exports the same functions for the worker and the bot.
// Also the per-host heartbeats (what each host serves), for the CLI's index commands.
export { connectProducer, createWorkerConnection } from "../queue/connections.js";
export { RedisUnavailableError, redactRedisUrl } from "../queue/errors.js";
export { announceGeneration, subscribeToGenerations } from "../queue/generation-notice.js";
export {
  announceHostServing,
  generationsServedByHosts,
  listServingHosts,
  withdrawHostServing,
} from "../queue/host-serving.js";
export type { HostServing } from "../queue/payloads.js";
