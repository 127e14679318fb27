/** Clears one piece of per-cluster test state; reset() waits for it when it returns a promise. */
export type ResetHook = () => void | Promise<void>;

/**
 * The per-cluster test state that lives outside the cluster's own stores (primes, the activity log, a
 * user's own fixtures): each registers how to clear itself, and reset() runs them all, in the order
 * they were registered.
 */
export class ResetHooks {
  private readonly hooks = new Set<{ readonly hook: ResetHook }>();

  /** The returned function unregisters the hook (again: no effect). */
  add(hook: ResetHook): () => void {
    // Wrapped: the same function registered twice runs twice and is unregistered once per registration.
    const entry = { hook };
    this.hooks.add(entry);
    return () => {
      this.hooks.delete(entry);
    };
  }

  /** Runs every hook, in order; the first failure stops the rest and is thrown. */
  async run(): Promise<void> {
    for (const { hook } of [...this.hooks]) await hook();
  }
}
