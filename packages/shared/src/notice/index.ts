// The "a new index generation is live" notice on its own, without the queue's BullMQ: what the
// CLI's `index rollback` and `index restore` load to tell the bots, as fast as a switch should
// reach them. The queue package re-exports the same functions for the worker and the bot.
export { connectProducer } from "../queue/connections.js";
export { RedisUnavailableError, redactRedisUrl } from "../queue/errors.js";
export { announceGeneration } from "../queue/generation-notice.js";
