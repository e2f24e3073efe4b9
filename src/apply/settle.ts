/** Any thrown value as an Error. */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Runs a step to its end and gives back its error, or undefined: for work that runs beside other
 * steps, whose failure must wait for its turn to be reported and never reject unheard.
 */
export async function settle(step: () => Promise<void>): Promise<Error | undefined> {
  try {
    await step();
    return undefined;
  } catch (error) {
    return toError(error);
  }
}
