// Parses the environment once per process. All problems are collected and reported
// together, so an operator fixes a bad .env in one pass rather than one error per restart.
import { z } from "zod";
import { createRedactor } from "../logging/redact.js";
import { faissPathProblem, folderProblems } from "./folder-problems.js";
import { type AppConfig, envSchema, SECRET_VARIABLES } from "./schema.js";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Конфигурация неверна (проблем: ${problems.length}):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n") +
        "\nИсправьте эти переменные в окружении или в файле .env (каждая переменная описана в .env.example).",
    );
    this.name = "ConfigError";
  }
}

const isSecret = (name: string) => (SECRET_VARIABLES as readonly string[]).includes(name);

function describeValue(name: string, value: unknown, redact: (text: string) => string): string {
  if (value === undefined) return "не задана";
  if (isSecret(name)) return "имеет недопустимое значение (не показано: секрет)";
  // A secret pasted into the wrong variable must not be echoed either.
  return `имеет значение ${redact(JSON.stringify(String(value)).slice(0, 80))}`;
}

/** Extra rules that involve more than one variable. */
function crossFieldProblems(config: AppConfig, env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (config.CHUNK_OVERLAP >= config.CHUNK_SIZE) {
    problems.push(`CHUNK_OVERLAP (${config.CHUNK_OVERLAP}) должно быть меньше CHUNK_SIZE (${config.CHUNK_SIZE})`);
  }
  if (config.EMBEDDINGS_PROVIDER === "openai" && !config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) {
    problems.push("EMBEDDINGS_PROVIDER=openai требует OPENAI_API_KEY (или OPENAI_BASE_URL совместимого сервера)");
  }
  if (config.ANSWERER === "openai" && !config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) {
    problems.push("ANSWERER=openai требует OPENAI_API_KEY (или OPENAI_BASE_URL совместимого сервера)");
  }
  if (config.WEBHOOK_URL && !config.WEBHOOK_SECRET) {
    problems.push("WEBHOOK_URL задан, а WEBHOOK_SECRET нет: режиму webhook нужен секретный токен");
  }
  if (config.GENERATION_SERVER_LISTEN.length > 0 && !config.CLUSTER_TOKEN) {
    problems.push("GENERATION_SERVER_LISTEN задан, а CLUSTER_TOKEN нет: сервер поколений без токена не запускается");
  }
  if (config.GENERATION_SOURCE_URL && !config.CLUSTER_TOKEN) {
    problems.push("GENERATION_SOURCE_URL задан, а CLUSTER_TOKEN нет: сервер поколений ответит 401 без токена");
  }
  const faissPath = env.FAISS_PATH?.trim();
  if (faissPath && !env.INDEX_DIR?.trim()) problems.push(faissPathProblem(faissPath));
  problems.push(...folderProblems(config));
  return problems;
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  // Empty strings from a .env file mean "not set" for variables that have defaults.
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== "") cleaned[key] = value;
  }
  // zod's own messages (a missing or mistyped value) in the operators' language, like ours.
  const result = envSchema.safeParse(cleaned, { error: z.locales.ru().localeError });
  if (!result.success) {
    const redact = createRedactor(SECRET_VARIABLES.map((name) => cleaned[name] ?? ""));
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "config");
      return `${name} ${describeValue(name, cleaned[name], redact)}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const problems = crossFieldProblems(result.data, env);
  if (problems.length > 0) throw new ConfigError(problems);
  return result.data;
}

/** For process entry points: parse, or print every problem and exit non-zero (no stack trace). */
export function loadConfigOrExit(env: Record<string, string | undefined>, service: string): AppConfig {
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[${service}] ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
