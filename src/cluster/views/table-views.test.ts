import { describe, expect, it } from 'vitest';
import { EXPIRED_LIVENESS_TTL, NO_DELETION_TIME, type Cell, type PartitionUpdate, type Row, type UnfilteredPartition } from '../../data/index.js';
import { buildTable, DEFAULT_TABLE_OPTIONS, type TableMetadata, type ViewDefinition } from '../../schema/index.js';
import { int32Bytes, native } from '../../types/index.js';
import { murmur3Partitioner } from '../ring/murmur3-partitioner.js';
import { generateViewUpdates } from './table-views.js';

const int = native('int');
const base = buildTable({
  keyspace: 'ks', name: 't', id: Buffer.alloc(16, 1), partitionKey: [{ name: 'k', type: int }], clustering: [{ name: 'c', type: int, order: 'asc' }],
  staticColumns: [], regularColumns: [{ name: 'v', type: int }, { name: 'u', type: int }], options: DEFAULT_TABLE_OPTIONS, virtual: false,
  isCounterTable: false, droppedColumns: new Map(), indexes: new Map(),
});

function view(key: 'v' | null, selected: readonly string[], definition: Partial<ViewDefinition> = {}): TableMetadata {
  return buildTable({
    keyspace: 'ks', name: 'mv', id: Buffer.alloc(16, 2),
    partitionKey: [{ name: key ?? 'c', type: int }],
    clustering: (key === null ? ['k'] : ['k', 'c']).map((name) => ({ name, type: int, order: 'asc' as const })),
    staticColumns: [], regularColumns: selected.map((name) => ({ name, type: int })), options: DEFAULT_TABLE_OPTIONS,
    virtual: false, isCounterTable: false, droppedColumns: new Map(), indexes: new Map(),
    view: { baseTableId: base.id, baseTableName: 't', includeAllColumns: false, whereClause: '', filter: [], baseNonKeyColumnInKey: key, ...definition },
  });
}

const cell = (value: number | null, timestamp: bigint, ttlSeconds = 0, localDeletionTime = NO_DELETION_TIME): Cell =>
  ({ value: value === null ? null : int32Bytes(value), timestamp, ttlSeconds, localDeletionTime });
const row = (c: number, cells: Record<string, Cell>, liveness: Row['liveness'] = null): Row =>
  ({ clustering: [int32Bytes(c)], liveness, deletion: null, cells: new Map(Object.entries(cells)) });
const key = murmur3Partitioner.decorateKey([int32Bytes(1)]);
const update = (rows: Row[], partitionDeletion: PartitionUpdate['partitionDeletion'] = null): PartitionUpdate =>
  ({ table: base, key: key.key, token: key.token, partitionDeletion, rangeTombstones: [], staticRow: null, rows });
const existing = (rows: Row[]): UnfilteredPartition =>
  ({ table: base, key: key.key, token: key.token, partitionDeletion: null, rangeTombstones: [], staticRow: null, rows, reversed: false });
const NOW = 1_000;

describe('generateViewUpdates (ViewUpdateGenerator)', () => {
  it('creates an entry keyed by the base column, alive as long as that cell', () => {
    const [entry] = generateViewUpdates([view('v', ['u'])], base, update([row(1, { v: cell(7, 10n, 60, NOW + 60), u: cell(3, 10n) })]), null, NOW, murmur3Partitioner);
    expect(entry!.key).toEqual(int32Bytes(7));
    expect(entry!.rows[0]!.clustering).toEqual([int32Bytes(1), int32Bytes(1)]);
    expect(entry!.rows[0]!.liveness).toEqual({ timestamp: 10n, ttlSeconds: 60, localExpirationTime: NOW + 60 });
    expect([...entry!.rows[0]!.cells.keys()]).toEqual(['u']);
  });

  it('switches entries when the key column changes: the new one, and the old one dead at the old cell timestamp', () => {
    const before = existing([row(1, { v: cell(7, 10n) })]);
    const updates = generateViewUpdates([view('v', [])], base, update([row(1, { v: cell(8, 20n) })]), before, NOW, murmur3Partitioner);
    expect(updates.map((u) => u.key)).toEqual([int32Bytes(8), int32Bytes(7)]);
    expect(updates[0]!.rows[0]!.liveness).toEqual({ timestamp: 20n, ttlSeconds: 0, localExpirationTime: NO_DELETION_TIME });
    expect(updates[1]!.rows[0]!.liveness).toEqual({ timestamp: 10n, ttlSeconds: EXPIRED_LIVENESS_TTL, localExpirationTime: NOW });
  });

  it('deletes entries a partition deletion covers, with the row deletion', () => {
    const before = existing([row(1, { v: cell(7, 10n) }), row(2, { v: cell(9, 10n) })]);
    const deletion = { markedForDeleteAt: 30n, localDeletionTime: NOW };
    const updates = generateViewUpdates([view('v', [])], base, update([], deletion), before, NOW, murmur3Partitioner);
    expect(updates.map((u) => u.rows[0]!.deletion)).toEqual([deletion, deletion]);
  });

  it('keeps an entry alive through an unselected column, and lets it go with that column (CASSANDRA-11500)', () => {
    const created = generateViewUpdates([view(null, ['v'])], base, update([row(1, { u: cell(5, 10n) })]), null, NOW, murmur3Partitioner);
    expect(created[0]!.rows[0]!.liveness).toEqual({ timestamp: 10n, ttlSeconds: 0, localExpirationTime: NO_DELETION_TIME });
    const before = existing([row(1, { u: cell(5, 10n) })]);
    const removed = generateViewUpdates([view(null, ['v'])], base, update([row(1, { u: cell(null, 11n, 0, NOW) })]), before, NOW, murmur3Partitioner);
    // Dead at the existing cell's timestamp: it wins the tie with the entry's liveness (expired first).
    expect(removed[0]!.rows[0]!.liveness).toEqual({ timestamp: 10n, ttlSeconds: EXPIRED_LIVENESS_TTL, localExpirationTime: NOW });
  });

  it('leaves out base rows its WHERE clause excludes', () => {
    const filtered = view('v', [], { filter: [{ column: 'c', operator: '>', values: [int32Bytes(1)] }] });
    const updates = generateViewUpdates([filtered], base, update([row(1, { v: cell(7, 10n) }), row(2, { v: cell(8, 10n) })]), null, NOW, murmur3Partitioner);
    expect(updates.map((u) => u.key)).toEqual([int32Bytes(8)]);
  });
});
