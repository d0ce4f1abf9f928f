import { type AppConfig, SECRET_VARIABLES } from "./schema.js";

/** The configured secret values, for the log redactor. */
export function secretValues(config: Partial<AppConfig>): string[] {
  return SECRET_VARIABLES.map((name) => config[name]).filter(
    (value): value is string => typeof value === "string" && value.length >= 6,
  );
}
