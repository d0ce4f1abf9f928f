export { hostNameOf } from "./host-name.js";
export { ConfigError, loadConfigOrExit, parseConfig } from "./load-config.js";
export { type AppConfig, envSchema } from "./schema.js";
export { secretValues } from "./secrets.js";
