// Nothing secret leaves the process in an error report. Every string of the event — the error
// message, breadcrumbs, tags, contexts — goes through the same redactor as the log lines (the
// configured secrets, Telegram tokens, API keys, passwords in URLs), value by value, so a secret
// is found however the event's JSON would escape it.
type Redact = (text: string) => string;

export function scrubDeep<T>(value: T, redact: Redact): T {
  return scrub(value, redact, new WeakSet()) as T;
}

function scrub(value: unknown, redact: Redact, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return redact(value);
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = scrub(value[index], redact, seen);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const clean = redact(key);
    const inner = scrub(record[key], redact, seen);
    if (clean !== key) delete record[key];
    record[clean] = inner;
  }
  return value;
}
