/** Serialises asynchronous work per key: each task starts once the previous one on its key settled. */
export class PartitionLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  async withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(() => undefined, () => undefined);
    this.tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
