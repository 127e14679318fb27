import type { ClusterSnapshot } from './snapshot.js';

const NAME = /^(?!\.+$)[A-Za-z0-9._-]{1,100}$/;

/**
 * The named snapshots of a cluster, kept until deleted (an unnamed one lives as long as its holder keeps
 * it). As with nodetool snapshot, a name is taken once: delete the snapshot to take it again.
 */
export class SnapshotRegistry {
  private readonly byName = new Map<string, ClusterSnapshot>();

  /**
   * Refuses a name that is not 1 to 100 letters, digits, '.', '_' or '-', or only dots (it goes into URLs,
   * commands and folder names), or is taken.
   */
  checkName(name: string): void {
    if (!NAME.test(name)) throw new RangeError(`Invalid snapshot name '${name}': 1 to 100 letters, digits, '.', '_' or '-', not only dots`);
    if (this.byName.has(name)) throw new Error(`Snapshot ${name} already exists.`);
  }

  add(name: string, snapshot: ClusterSnapshot): void {
    this.checkName(name);
    this.byName.set(name, snapshot);
  }

  find(name: string): ClusterSnapshot | undefined {
    return this.byName.get(name);
  }

  /** Whether there was one to delete. */
  delete(name: string): boolean {
    return this.byName.delete(name);
  }

  /** Every named snapshot, oldest first. */
  list(): ClusterSnapshot[] {
    return [...this.byName.values()];
  }
}
