// Worker-thread entry: registers tsx so the worker can run the TypeScript body (a worker
// does not inherit the main thread's --import hooks).
import { register } from "tsx/esm/api";

register();
await import("./faiss-search-worker-body.ts");
