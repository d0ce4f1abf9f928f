// `--name value` arguments of the bench entry points and their child processes.

export function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** A required `--name value`; a child started without it is a bench bug, so it throws. */
export function argument(name: string): string {
  const value = option(name);
  if (!value) throw new Error(`${process.argv[1]}: missing --${name}`);
  return value;
}
