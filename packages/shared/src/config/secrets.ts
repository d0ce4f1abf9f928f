import { type AppConfig, SECRET_VARIABLES } from "./schema.js";

/** The configured secret values, for the log and error-report redactor: the secret variables and the Redis password. */
export function secretValues(config: Partial<AppConfig>): string[] {
  return [...SECRET_VARIABLES.map((name) => config[name]), redisPassword(config.REDIS_URL)].filter(
    (value): value is string => typeof value === "string" && value.length >= 6,
  );
}

function redisPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === "" ? undefined : password;
  } catch {
    return undefined;
  }
}
