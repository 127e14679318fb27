import { describe, expect, it } from 'vitest';
import { cell, int, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import { newKeyspace, Schema, withTable } from '../../schema/index.js';
import { replayableMutation, TruncationRecords } from './truncation-records.js';

const kept = testTable({ name: 'kept' });
const truncated = testTable({ name: 'truncated' });
const dropped = testTable({ name: 'dropped' });
const schema = Schema.initial().withKeyspace(
  withTable(withTable(newKeyspace('ks', new Map([['class', 'org.apache.cassandra.locator.SimpleStrategy'], ['replication_factor', '1']]), true), kept), truncated),
);
const write = (...tables: typeof kept[]) => mutation(...tables.map((t) => update(t, int(1), { rows: [row([], { v: cell('x', 10) })] })));

describe('TruncationRecords', () => {
  it('records the last truncation per table, never for others, and forgets a dropped table', () => {
    const records = new TruncationRecords();
    expect(records.truncatedAt(kept.id)).toBe(-Infinity);
    records.record(truncated.id, 1000);
    records.record(truncated.id, 2000);
    expect(records.truncatedAt(truncated.id)).toBe(2000);
    expect(records.entries()).toEqual([{ tableId: truncated.id, truncatedAtMs: 2000 }]);
    const version = records.version;
    records.remove(truncated.id);
    records.remove(truncated.id);
    expect(records.version).toBe(version + 1);
    expect(records.truncatedAt(truncated.id)).toBe(-Infinity);
  });
});

describe('replayableMutation', () => {
  const records = new TruncationRecords();
  records.record(truncated.id, 5000);

  it('leaves out the tables truncated at or after the write, and those dropped since', () => {
    const m = write(kept, truncated, dropped);
    expect(replayableMutation(m, 5000, schema, records)?.updates.map((u) => u.table.name)).toEqual(['kept']);
    expect(replayableMutation(m, 5001, schema, records)?.updates.map((u) => u.table.name)).toEqual(['kept', 'truncated']);
    expect(replayableMutation(write(truncated), 4999, schema, records)).toBeNull();
    expect(replayableMutation(write(dropped), 9999, schema, records)).toBeNull();
  });

  it('returns the mutation itself when nothing is left out', () => {
    const m = write(kept);
    expect(replayableMutation(m, 0, schema, records)).toBe(m);
  });
});
