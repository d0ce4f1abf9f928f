// A command refused because of what the operator typed — a file that is not there, a generation
// id that does not exist — is not a fault of the service. Such failures are marked where they are
// thrown, so they are logged as WARN and never sent to error tracking: `grep -i error logs/…`
// and the error tracker then show only what needs fixing in the service or its data.

const OPERATOR_INPUT = Symbol.for("ai-library.operator-input");

/** Marks `error` as caused by the operator's input (a bad argument); returns it for `throw`. */
export function asOperatorInput<E extends Error>(error: E): E {
  Object.defineProperty(error, OPERATOR_INPUT, { value: true, enumerable: false });
  return error;
}

export function isOperatorInput(error: unknown): boolean {
  return error instanceof Error && (error as unknown as Record<symbol, unknown>)[OPERATOR_INPUT] === true;
}
