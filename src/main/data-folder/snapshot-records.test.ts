import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { internalCluster, startCluster } from '../../main.js';
import type { CassanovaCluster } from '../cassanova-cluster.js';
import { SnapshotRecords } from './snapshot-records.js';

let root: string;
let cluster: CassanovaCluster;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'cassanova-records-'));
  cluster = await startCluster({ port: 0, clock: 'virtual', nodes: 2 });
  await cluster.loadSchema(`
    CREATE KEYSPACE ks WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 2};
    CREATE TABLE ks.t (k int PRIMARY KEY, gone int);
    ALTER TABLE ks.t DROP gone;
  `);
});
afterEach(async () => {
  await cluster.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the data folder\'s snapshot records', () => {
  it('keep the schema, node statuses and truncation records, and read back only complete ones', () => {
    const inner = internalCluster(cluster);
    const records = new SnapshotRecords(root, inner);
    const table = inner.schema.table('ks', 't')!;
    records.save({
      name: 'one', takenAt: new Date(5000), keyspaces: ['ks'], partitionCount: 7, schema: () => inner.schema,
      nodes: new Map([[1, { status: 'up', truncations: [{ tableId: table.id, truncatedAtMs: 42 }] }], [2, { status: 'paused', truncations: [] }]]),
    });
    // A snapshot whose taking was cut short has no record: it is not one.
    mkdirSync(join(root, 'snapshots', 'interrupted'));
    const [loaded, ...others] = records.load();
    expect(others).toEqual([]);
    expect(loaded).toMatchObject({ name: 'one', takenAt: new Date(5000), keyspaces: ['ks'], partitionCount: 7 });
    expect([...loaded!.nodes]).toEqual([[1, { status: 'up', truncations: [{ tableId: table.id, truncatedAtMs: 42 }] }], [2, { status: 'paused', truncations: [] }]]);
    // The schema script runs again into the same schema: table ids and dropped columns included.
    expect(loaded!.schema().version).toEqual(inner.schema.version);

    records.remove('one');
    expect(existsSync(join(root, 'snapshots', 'one'))).toBe(false);
    expect(records.load()).toEqual([]);
  });

  it('leave out a damaged record with a warning, and name the line of a schema script that fails', () => {
    const records = new SnapshotRecords(root, internalCluster(cluster));
    mkdirSync(join(root, 'snapshots', 'bad'), { recursive: true });
    writeFileSync(join(root, 'snapshots', 'bad', 'snapshot.json'), '{"format": 1');
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      expect(records.load()).toEqual([]);
      expect(String(warn.mock.calls[0]?.[0])).toContain('Snapshot bad is left out');
    } finally {
      warn.mockRestore();
    }
    rmSync(join(root, 'snapshots', 'bad'), { recursive: true });
    const folder = join(root, 'snapshots', 'broken');
    mkdirSync(folder);
    writeFileSync(join(folder, 'snapshot.json'), JSON.stringify({ format: 1, name: 'broken', takenAt: '2026-01-01T00:00:00Z', keyspaces: [], partitionCount: 0, nodes: [] }));
    writeFileSync(join(folder, 'schema.cql'), "CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};\n\nSELECT * FROM ks.t;\n");
    const [broken] = records.load();
    expect(() => broken!.schema()).toThrow(`${join(folder, 'schema.cql')}:3: not a schema statement`);
  });
});
