// `--name value` and `--name=value` arguments of the bench entry points and their child
// processes. A value that is given but unusable stops the bench with a message naming it:
// silently falling back to the default once ran a 2-minute bench for a 20-second question.

export function option(name: string, argv: readonly string[] = process.argv): string | undefined {
  const flag = `--${name}`;
  for (let at = 0; at < argv.length; at++) {
    const arg = argv[at] ?? "";
    if (arg === flag) return argv[at + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

/** A required `--name value`; a child started without it is a bench bug, so it throws. */
export function argument(name: string): string {
  const value = option(name);
  if (!value) throw new Error(`${process.argv[1]}: missing --${name}`);
  return value;
}

/** `--name N` for a positive whole number N, or `fallback` when the option is absent. */
export function wholeNumberOption(name: string, fallback: number, argv: readonly string[] = process.argv): number {
  const given = option(name, argv);
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`--${name} must be a positive whole number (e.g. --${name} ${fallback}), got "${given}"`);
  }
  return value;
}

/** Options of any bench that take a value; `pnpm bench` must not read their values as bench names. */
const VALUE_OPTIONS = [
  "size",
  "factory",
  "nprobe",
  "chunks",
  "users",
  "questions",
  "swaps",
  "cpu",
  "worker-cpu",
  "parts",
];

/** `pnpm bench peer --size 10000 bot` → benches [peer, bot], options passed to each [--size, 10000]. */
export function splitBenchArgs(args: readonly string[]): { names: string[]; options: string[] } {
  const takesValue = (arg: string | undefined) => VALUE_OPTIONS.some((name) => arg === `--${name}`);
  const names: string[] = [];
  const options: string[] = [];
  args.forEach((arg, at) => {
    if (arg.startsWith("-") || takesValue(args[at - 1])) options.push(arg);
    else names.push(arg);
  });
  return { names, options };
}
