// Proves the FAISS addon loads and round-trips on this machine (add, search, buffer).
import { loadFaiss, MetricType } from "@ai-library/faiss-native";

const faiss = loadFaiss();
const index = faiss.Index.fromFactory(4, "Flat", MetricType.INNER_PRODUCT);
index.add([1, 0, 0, 0, 0, 1, 0, 0]);
const copy = faiss.Index.fromBuffer(index.toBuffer());
const { labels } = copy.search([0, 1, 0, 0], 1);
if (labels[0] !== 1) {
  console.error(`[setup] FAISS smoke check failed: expected label 1, got ${labels[0]}`);
  process.exit(1);
}
console.log(`[setup] FAISS works (${faiss.source})`);
