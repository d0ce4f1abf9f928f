// The build floor (durable-floor.ts) in a fresh process: `--dir GENERATION_DIR --files a,b`.
// Prints one `FLOOR_RESULT {json}` line for peer-run.ts.
import { argument } from "../cli-args.js";
import { durableFloor } from "./durable-floor.js";

console.log(`FLOOR_RESULT ${JSON.stringify(durableFloor(argument("dir"), argument("files").split(",")))}`);
