// What BullMQ itself costs per job on this Redis, without any book work: no-op jobs added one
// at a time and awaited (add → completed round trip), through a worker in this process.
import { randomBytes } from "node:crypto";
import { connectProducer, createWorkerConnection } from "@ai-library/shared/queue";
import { Queue, QueueEvents, Worker } from "bullmq";

export async function measureQueueOverheadMs(redisUrl: string, jobs = 200): Promise<number> {
  const prefix = `bench-overhead-${randomBytes(4).toString("hex")}`;
  const producer = await connectProducer(redisUrl);
  const consumer = createWorkerConnection(redisUrl, { onError: () => {} });
  const queue = new Queue("noop", { connection: producer, prefix });
  const events = new QueueEvents("noop", { connection: { url: redisUrl }, prefix });
  const worker = new Worker("noop", async () => "ok", { connection: consumer, prefix, concurrency: 1 });
  try {
    await Promise.all([events.waitUntilReady(), worker.waitUntilReady()]);
    const started = performance.now();
    for (let index = 0; index < jobs; index++) {
      const job = await queue.add("noop", { index });
      await job.waitUntilFinished(events, 10_000);
    }
    return (performance.now() - started) / jobs;
  } finally {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await consumer.quit();
    await producer.quit();
  }
}
