/** Ends an exhaustive switch: adding a case to a union without handling it is a compile error. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
