import type { ControlledCluster } from './controlled-cluster.js';
import { resetCluster } from './reset.js';
import { restoreSnapshot, snapshotFromRecord, snapshotRecord, takeSnapshot, type ClusterSnapshot } from './snapshot.js';
import type { SnapshotDisk } from './snapshot-disk.js';
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
  /** Where named snapshots are also written, with a data folder; null in memory. */
  private disk: SnapshotDisk | null = null;

  constructor(private readonly cluster: ControlledCluster) {}

  /**
   * Keeps named snapshots on disk from now on (a cluster with a data folder), and knows those found there:
   * taken before a restart, they can be listed, restored and deleted as those taken since.
   */
  keepOnDisk(disk: SnapshotDisk): void {
    this.disk = disk;
    for (const record of disk.load()) this.snapshots.add(record.name, snapshotFromRecord(this.cluster, record));
  }

  reset(): Promise<void> {
    return resetCluster(this.cluster);
  }

  truncateAll(): Promise<void> {
    return truncateAll(this.cluster);
  }

  /**
   * A named snapshot is kept (see snapshots()) until deleted; an unnamed one only while referenced. On disk
   * every snapshot is named: an unnamed one gets the time it is taken in milliseconds, as nodetool's.
   */
  async snapshot(name?: string): Promise<ClusterSnapshot> {
    const disk = this.disk;
    const named = name ?? (disk === null ? undefined : this.timeName());
    if (named !== undefined) this.snapshots.checkName(named);
    const snapshot = await this.cluster.exclusively('take a snapshot', async () => {
      if (disk === null || named === undefined) return takeSnapshot(this.cluster, named ?? null);
      // What a snapshot of this name interrupted before its record was saved may have left.
      for (const node of this.cluster.nodes) node.storage.dropSnapshot(named);
      // nodetool snapshot flushes first; the links are then made at once, with nothing flushing.
      await Promise.all(this.cluster.nodes.map((node) => node.storage.flush()));
      const taken = takeSnapshot(this.cluster, named, disk) as ClusterSnapshot & { readonly name: string };
      disk.save(snapshotRecord(taken));
      return taken;
    });
    if (named !== undefined) this.snapshots.add(named, snapshot);
    return snapshot;
  }

  /** The cluster's time in milliseconds, suffixed if a snapshot already has that name. */
  private timeName(): string {
    const base = String(this.cluster.clock.nowMs());
    let name = base;
    for (let n = 2; this.snapshots.find(name) !== undefined; n++) name = `${base}-${n}`;
    return name;
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

  /** Forgets a named snapshot (and, once nothing else holds it, the memory it alone kept); on disk, its files go. */
  delete(name: string): void {
    if (!this.snapshots.delete(name)) throw new UnknownSnapshotError(name);
    if (this.disk === null) return;
    this.disk.remove(name);
    for (const node of this.cluster.nodes) node.storage.dropSnapshot(name);
  }

  private named(name: string): ClusterSnapshot {
    const snapshot = this.snapshots.find(name);
    if (snapshot === undefined) throw new UnknownSnapshotError(name);
    return snapshot;
  }
}
