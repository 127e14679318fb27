/** A programmer error: never caught inside, it becomes a ServerError at the transport boundary. */
export class InvariantError extends Error {}

export function invariant(condition: unknown, why: string): asserts condition {
  if (!condition) throw new InvariantError(`Invariant failed: ${why}`);
}
