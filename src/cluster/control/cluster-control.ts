import type { ControlledCluster } from './controlled-cluster.js';
import { resetCluster } from './reset.js';
import { restoreSnapshot, takeSnapshot, type ClusterSnapshot } from './snapshot.js';
import { SnapshotRegistry } from './snapshot-registry.js';
import { truncateAll } from './truncate-all.js';

/** Thrown for a snapshot name no snapshot has (the admin API answers it with 404). */
export class UnknownSnapshotError extends Error {
  override readonly name = 'UnknownSnapshotError';

  constructor(readonly snapshotName: string) {
    super(`No snapshot named ${snapshotName}`);
  }
}

/**
 * The operations that put a cluster back between tests, and its named snapshots: one object per
 * cluster, behind every door (the TypeScript API, the admin API, the CLI).
 */
export class ClusterControl {
  private readonly snapshots = new SnapshotRegistry();

  constructor(private readonly cluster: ControlledCluster) {}

  reset(): Promise<void> {
    return resetCluster(this.cluster);
  }

  truncateAll(): Promise<void> {
    return truncateAll(this.cluster);
  }

  /** A named snapshot is kept (see snapshots()) until deleted; an unnamed one only while referenced. */
  async snapshot(name?: string): Promise<ClusterSnapshot> {
    if (name !== undefined) this.snapshots.checkName(name);
    const snapshot = await this.cluster.exclusively('take a snapshot', async () => takeSnapshot(this.cluster, name ?? null));
    if (name !== undefined) this.snapshots.add(name, snapshot);
    return snapshot;
  }

  async restore(snapshotOrName: ClusterSnapshot | string): Promise<void> {
    const snapshot = typeof snapshotOrName === 'string' ? this.named(snapshotOrName) : snapshotOrName;
    await restoreSnapshot(this.cluster, snapshot);
  }

  /** The named snapshots, oldest first. */
  list(): ClusterSnapshot[] {
    return this.snapshots.list();
  }

  find(name: string): ClusterSnapshot | undefined {
    return this.snapshots.find(name);
  }

  /** Forgets a named snapshot (and, once nothing else holds it, the memory it alone kept). */
  delete(name: string): void {
    if (!this.snapshots.delete(name)) throw new UnknownSnapshotError(name);
  }

  private named(name: string): ClusterSnapshot {
    const snapshot = this.snapshots.find(name);
    if (snapshot === undefined) throw new UnknownSnapshotError(name);
    return snapshot;
  }
}
