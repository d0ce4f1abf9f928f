// Vitest global setup: the bots under test fork their search process from the build, as a
// deployed bot does, so build it from the code under test first (the build takes a second).
import { bundleSearchProcess } from "../scripts/bundle-search-process.js";

export default async function buildSearchProcess(): Promise<void> {
  await bundleSearchProcess();
}
