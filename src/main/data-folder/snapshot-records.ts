import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Cluster, NodeStatus, SnapshotDisk, SnapshotNodeRecord, SnapshotRecord } from '../../cluster/index.js';
import { schemaFromScript, schemaScript, tableSchemaScript, type TableMetadata } from '../../query/index.js';
import { writeFileAtomic } from './atomic-file.js';

/** Where the cluster's record of each snapshot goes: `snapshots/<name>/` at the root of the data folder. */
const SNAPSHOTS = 'snapshots';
/** Written last: a snapshot folder without it is one whose taking was interrupted, and is ignored. */
const RECORD = 'snapshot.json';
const SCHEMA = 'schema.cql';
const RECORD_FORMAT = 1;
const NAME = /^(?!\.+$)[A-Za-z0-9._-]{1,100}$/;
const STATUSES: ReadonlySet<string> = new Set<NodeStatus>(['up', 'down', 'paused']);

interface TruncationFile {
  readonly tableId: string;
  readonly truncatedAtMs: number;
}

interface RecordFile {
  readonly format: number;
  readonly name: string;
  readonly takenAt: string;
  readonly keyspaces: readonly string[];
  readonly partitionCount: number;
  readonly nodes: readonly { readonly id: number; readonly status: NodeStatus; readonly truncations: readonly TruncationFile[] }[];
}

/**
 * The snapshots of a cluster with a data folder, as the folder keeps them: each node links its SSTables
 * into `node<id>/data/<ks>/<table>-<id>/snapshots/<name>/` (with the table's schema.cql and manifest.json,
 * as Cassandra does), and `snapshots/<name>/` at the root records the rest a restore needs after a restart:
 * the schema script, each node's status and truncation records.
 */
export class SnapshotRecords implements SnapshotDisk {
  private readonly folder: string;

  constructor(root: string, private readonly cluster: Cluster) {
    this.folder = join(root, SNAPSHOTS);
  }

  tableFiles(table: TableMetadata, takenAt: Date): { schemaCql: string; createdAt: Date } {
    const ks = this.cluster.schema.keyspace(table.keyspace)!;
    return { schemaCql: tableSchemaScript(ks, table).map((s) => `${s}\n`).join('\n'), createdAt: takenAt };
  }

  save(record: SnapshotRecord): void {
    const folder = join(this.folder, record.name);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileAtomic(join(folder, SCHEMA), schemaScript(record.schema()).map((s) => `${s}\n`).join('\n'));
    const file: RecordFile = {
      format: RECORD_FORMAT, name: record.name, takenAt: record.takenAt.toISOString(), keyspaces: record.keyspaces,
      partitionCount: record.partitionCount,
      nodes: [...record.nodes].map(([id, node]) => ({
        id, status: node.status, truncations: node.truncations.map((t) => ({ tableId: t.tableId.toString('hex'), truncatedAtMs: t.truncatedAtMs })),
      })),
    };
    writeFileAtomic(join(folder, RECORD), `${JSON.stringify(file, null, 2)}\n`);
  }

  load(): SnapshotRecord[] {
    if (!existsSync(this.folder)) return [];
    const records: SnapshotRecord[] = [];
    for (const name of readdirSync(this.folder)) {
      const record = this.read(name);
      if (record !== null) records.push(record);
    }
    return records.sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime() || (a.name < b.name ? -1 : 1));
  }

  remove(name: string): void {
    const folder = join(this.folder, name);
    // The record first: a removal cut short leaves a folder that load() ignores.
    rmSync(join(folder, RECORD), { force: true });
    rmSync(folder, { recursive: true, force: true });
  }

  /** The record of the snapshot folder `name`; null for one without a record (interrupted), warned of when unreadable. */
  private read(name: string): SnapshotRecord | null {
    const folder = join(this.folder, name);
    if (!NAME.test(name) || !existsSync(join(folder, RECORD))) return null;
    const path = join(folder, RECORD);
    try {
      const file = JSON.parse(readFileSync(path, 'utf8')) as RecordFile;
      if (file.format > RECORD_FORMAT) throw new Error(`format ${file.format} is newer than this Cassanova's ${RECORD_FORMAT}`);
      if (file.name !== name || !Array.isArray(file.nodes) || !file.nodes.every((n) => STATUSES.has(n.status))) throw new Error('damaged');
      const script = readFileSync(join(folder, SCHEMA), 'utf8');
      const nodes = new Map(file.nodes.map((n): [number, SnapshotNodeRecord] => [n.id, {
        status: n.status, truncations: n.truncations.map((t: TruncationFile) => ({ tableId: Buffer.from(t.tableId, 'hex'), truncatedAtMs: t.truncatedAtMs })),
      }]));
      return {
        name, takenAt: new Date(file.takenAt), keyspaces: file.keyspaces, partitionCount: file.partitionCount, nodes,
        schema: () => schemaFromScript(script, {
          nowMicros: this.cluster.clock.nowMicros(), random: this.cluster.random, datacenters: this.cluster.dataCenterSizes(),
        }, join(folder, SCHEMA)),
      };
    } catch (e) {
      process.emitWarning(`Snapshot ${name} is left out: ${path} cannot be read (${(e as Error).message})`, 'CassanovaSnapshot');
      return null;
    }
  }
}
