// Builds faiss-node's single source file (src/faiss.cc) against the system FAISS
// (Debian libfaiss-dev) with node-gyp. faiss-node's own install script cannot work
// offline (it downloads a prebuilt binary, then git-clones FAISS), so pnpm never runs it.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const addon = join(here, "build", "Release", "faiss_node.node");
// What the addon was built from. A checkout that changes any of these (a new -include header,
// say) rebuilds on the next `pnpm install` instead of keeping an addon without the change.
const stampFile = join(here, "build", "Release", "inputs.sha256");
const inputs = [
  "binding.gyp",
  "src/faiss_compat.h",
  "src/faiss_tuning.h",
  "src/faiss_threads.h",
  "node_modules/faiss-node/src/faiss.cc",
];
const stamp = createHash("sha256");
for (const input of inputs) {
  const path = join(here, input);
  // A missing input is left to node-gyp to report; it only makes the stamp differ.
  stamp.update(`${input}\0`).update(existsSync(path) ? readFileSync(path) : "missing");
}
const inputsDigest = stamp.digest("hex");
const builtFrom = existsSync(stampFile) ? readFileSync(stampFile, "utf8").trim() : "";

if (existsSync(addon) && builtFrom === inputsDigest && !process.argv.includes("--force")) {
  console.log(`faiss-native: ${addon} already built (pass --force to rebuild)`);
  process.exit(0);
}
if (existsSync(addon) && builtFrom !== inputsDigest) {
  console.log("faiss-native: build inputs changed since the addon was built; rebuilding");
}
if (!existsSync("/usr/include/faiss/Index.h")) {
  // During `pnpm install` a missing FAISS only warns, so the rest of the install
  // completes; `pnpm build`, the smoke check and the tests then fail with this message.
  const log = process.argv.includes("--if-possible") ? console.warn : console.error;
  log(
    "faiss-native: FAISS headers not found (/usr/include/faiss/Index.h).\n" +
      "Install them with: sudo apt-get install -y libfaiss-dev libopenblas-dev build-essential python3\n" +
      "(or run: bash scripts/setup-system.sh)",
  );
  process.exit(process.argv.includes("--if-possible") ? 0 : 1);
}
// Build against the headers of the running Node when they are installed (Debian's nodejs,
// NodeSource and official tarballs ship them); otherwise node-gyp would try to download them.
const nodeDir = [
  process.env.npm_config_nodedir,
  process.config.variables.node_prefix,
  dirname(dirname(process.execPath)),
]
  .filter((dir) => typeof dir === "string" && dir.length > 0)
  .find((dir) => existsSync(join(dir, "include", "node", "node_api.h")));
const args = ["rebuild"];
if (nodeDir) args.push(`--nodedir=${nodeDir}`);
const nodeGyp = require.resolve("node-gyp/bin/node-gyp.js");
const result = spawnSync(process.execPath, [nodeGyp, ...args], { cwd: here, stdio: "inherit" });
if (result.status !== 0) {
  console.error("faiss-native: node-gyp build failed; see the compiler output above and docs/faiss.md");
  process.exit(result.status ?? 1);
}
writeFileSync(stampFile, `${inputsDigest}\n`);
console.log(`faiss-native: built ${addon}`);
