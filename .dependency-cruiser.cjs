// Import rules checked by `pnpm check` (issue 18): no import circles anywhere, and the shared
// package's layers import one way only — text at the bottom; then loaders, chunking and
// embeddings; then index; then retrieval; then answer; pipeline and queue on top. Config,
// logging and error-reporting sit beside text at the bottom: everything may use them, they use
// nothing above.
const SHARED = "^packages/shared/src";
const layer = (name) => `${SHARED}/${name}/`;
const above = (...names) => names.map(layer);

/** Folders a layer must not import: every layer above it. */
const LAYERS = [
  ["text", above("loaders", "chunking", "embeddings", "index", "retrieval", "answer", "pipeline", "queue", "openai")],
  ["config", above("loaders", "chunking", "embeddings", "index", "retrieval", "answer", "pipeline", "queue", "openai")],
  [
    "logging",
    above("loaders", "chunking", "embeddings", "index", "retrieval", "answer", "pipeline", "queue", "openai"),
  ],
  // Where failures go (log level, Sentry): index and queue mark operator-input errors with it.
  [
    "error-reporting",
    above("loaders", "chunking", "embeddings", "index", "retrieval", "answer", "pipeline", "queue", "openai"),
  ],
  ["loaders", above("chunking", "embeddings", "index", "retrieval", "answer", "pipeline", "queue")],
  ["chunking", above("embeddings", "index", "retrieval", "answer", "pipeline", "queue")],
  ["embeddings", above("loaders", "chunking", "index", "retrieval", "answer", "pipeline", "queue")],
  ["index", above("retrieval", "answer", "pipeline", "queue")],
  // Inside index: keyword (BM25 terms) under generation (the format) under operations.
  ["index/keyword", above("index/generation", "index/operations")],
  ["index/generation", above("index/operations")],
  ["retrieval", above("answer", "pipeline", "queue")],
  ["answer", above("pipeline", "queue", "index")],
];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "An import circle: split the shared part out, or let one side receive it as a parameter.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...LAYERS.map(([name, upper]) => ({
      name: `layer-${name}`,
      comment: `packages/shared/src/${name} is below ${upper.map((path) => path.split("/").at(-2)).join(", ")}: it must not import them.`,
      severity: "error",
      from: { path: layer(name) },
      to: { path: upper },
    })),
    {
      name: "logger-from-logging",
      comment:
        "Take Logger from @ai-library/shared/logging (or ../logging), never from winston: one logger, one format.",
      severity: "error",
      from: { path: "/src/", pathNot: `${SHARED}/logging/` },
      to: { path: "node_modules/winston/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.base.json" },
    tsPreCompilationDeps: true,
    exclude: { path: "(^|/)(dist|build)/" },
  },
};
