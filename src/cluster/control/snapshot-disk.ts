import type { Schema, TableMetadata } from '../../schema/index.js';
import type { TableSnapshotFiles } from '../../storage/index.js';
import type { NodeStatus } from '../node/node-identity.js';
import type { TruncationRecords } from '../node/truncation-records.js';

/** What a snapshot on disk records of one node besides its SSTables. */
export interface SnapshotNodeRecord {
  readonly status: NodeStatus;
  readonly truncations: ReturnType<TruncationRecords['entries']>;
}

/** What a snapshot on disk records of the cluster, to be restored after a restart too. */
export interface SnapshotRecord {
  readonly name: string;
  readonly takenAt: Date;
  readonly keyspaces: readonly string[];
  readonly partitionCount: number;
  /** The schema then (built when needed: a record read back from disk holds its script). */
  readonly schema: () => Schema;
  /** By node id. */
  readonly nodes: ReadonlyMap<number, SnapshotNodeRecord>;
}

/**
 * Where the snapshots of a cluster with a data folder are kept besides each node's hard links: the cluster's
 * record of each (main keeps them in the data folder). A snapshot exists once its record is saved.
 */
export interface SnapshotDisk {
  /** The files a table's snapshot folder holds besides its SSTables' links. */
  tableFiles(table: TableMetadata, takenAt: Date): TableSnapshotFiles;
  save(record: SnapshotRecord): void;
  /** The records saved, oldest first. */
  load(): SnapshotRecord[];
  /** Deletes the record of `name` (the nodes' links go separately). */
  remove(name: string): void;
}
