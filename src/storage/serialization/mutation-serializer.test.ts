import { describe, expect, it } from 'vitest';
import type { UnfilteredPartition } from '../../data/index.js';
import { cell, int, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import { rebuildTable, type TableMetadata } from '../../schema/index.js';
import { native } from '../../types/index.js';
import { plain } from '../testing/plain-data.js';
import { counterPartition, counterTable, richPartition, richTable } from '../testing/rich-partition.js';
import {
  CorruptDataError, DataOutput, deserializeMutation, deserializeUnfilteredPartition, serializeMutation, serializeUnfilteredPartition,
  UnknownTableError, UnsupportedVersionError,
} from './index.js';

function lookupOf(...tables: TableMetadata[]) {
  return (id: Buffer) => tables.find((t) => t.id.equals(id));
}

describe('mutation serialization', () => {
  it('round-trips every tombstone kind, TTLs, statics, multi-cell columns, empty values and far timestamps', () => {
    const table = richTable();
    const m = mutation(richPartition(table));
    const back = deserializeMutation(Buffer.from(serializeMutation(m)), lookupOf(table));
    expect(back.keyspace).toBe('ks');
    expect(back.key).toEqual(m.key);
    expect(back.token).toBe(-42n);
    expect(back.updates[0]!.table).toBe(table);
    expect(plain(back.updates[0]!)).toEqual(plain(m.updates[0]!));
  });

  it('keeps an empty value apart from a tombstone', () => {
    const table = richTable();
    const back = deserializeMutation(serializeMutation(mutation(richPartition(table))), lookupOf(table)).updates[0]!;
    const second = back.rows[1]!;
    expect(second.cells.get('v')!.value).toEqual(Buffer.alloc(0));
    expect(second.cells.get('u')!.value).toBeNull();
  });

  it('round-trips counter shards', () => {
    const table = counterTable();
    const m = mutation(counterPartition(table));
    expect(plain(deserializeMutation(serializeMutation(m), lookupOf(table)).updates[0]!)).toEqual(plain(m.updates[0]!));
  });

  it('round-trips a mutation of several tables', () => {
    const a = testTable({ name: 'a' });
    const b = testTable({ name: 'b' });
    const m = mutation(update(a, int(1), { rows: [row([], { v: cell('x', 1) })] }), update(b, int(1), { rows: [row([], { v: cell('y', 2) })] }));
    const back = deserializeMutation(serializeMutation(m), lookupOf(a, b));
    expect(back.updates.map((u) => u.table.name)).toEqual(['a', 'b']);
    expect(back.updates[1]!.rows[0]!.cells.get('v')!.value!.toString()).toBe('y');
  });

  it('returns only the bytes of this mutation when appending to a shared output', () => {
    const table = testTable();
    const out = new DataOutput();
    const first = Buffer.from(serializeMutation(mutation(update(table, int(1), { rows: [row([], { v: cell('a', 1) })] })), out));
    const second = serializeMutation(mutation(update(table, int(2), { rows: [row([], { v: cell('b', 2) })] })), out);
    expect(out.length).toBe(first.length + second.length);
    expect(deserializeMutation(second, lookupOf(table)).key).toEqual(int(2));
    expect(deserializeMutation(first, lookupOf(table)).key).toEqual(int(1));
  });

  it('reads cells by column name after columns were added and dropped', () => {
    const table = testTable({ regular: [['v', native('text')], ['w', native('int')]] });
    const m = mutation(update(table, int(1), { rows: [row([], { w: cell(int(5), 10), v: cell('x', 10) })] }));
    const bytes = serializeMutation(m);
    const altered = rebuildTable(table, {
      regularColumns: [{ name: 'a', type: native('int') }, { name: 'v', type: native('text') }],
      droppedColumns: new Map([['w', { type: native('int'), kind: 'regular', droppedAtMicros: 20n }]]),
    });
    const back = deserializeMutation(bytes, lookupOf(altered)).updates[0]!;
    expect(back.table).toBe(altered);
    expect(back.rows[0]!.cells.get('v')!.value!.toString()).toBe('x');
    expect(back.rows[0]!.cells.get('w')!.value).toEqual(int(5));
  });

  it('reports an unknown table by id, or skips its update when asked', () => {
    const a = testTable({ name: 'a' });
    const dropped = testTable({ name: 'dropped' });
    const m = mutation(update(dropped, int(1), { rows: [row([], { v: cell('gone', 1) })] }), update(a, int(1), { rows: [row([], { v: cell('kept', 1) })] }));
    const bytes = serializeMutation(m);
    expect(() => deserializeMutation(bytes, lookupOf(a))).toThrow(UnknownTableError);
    try {
      deserializeMutation(bytes, lookupOf(a));
    } catch (e) {
      expect((e as UnknownTableError).tableId).toEqual(dropped.id);
    }
    const kept = deserializeMutation(bytes, lookupOf(a), { skipUnknownTables: true });
    expect(kept.updates.map((u) => u.table.name)).toEqual(['a']);
  });

  it('refuses a newer version and reports truncated bytes as corrupt', () => {
    const table = richTable();
    const bytes = Buffer.from(serializeMutation(mutation(richPartition(table))));
    const newer = Buffer.from(bytes);
    newer[0] = 2;
    expect(() => deserializeMutation(newer, lookupOf(table))).toThrow(UnsupportedVersionError);
    for (const length of [1, 10, bytes.length >> 1, bytes.length - 1]) {
      expect(() => deserializeMutation(bytes.subarray(0, length), lookupOf(table))).toThrow(CorruptDataError);
    }
    expect(() => deserializeMutation(Buffer.concat([bytes, Buffer.from([0])]), lookupOf(table))).toThrow(CorruptDataError);
  });
});

describe('unfiltered partition serialization', () => {
  it('round-trips with its order', () => {
    const table = richTable();
    const u = richPartition(table);
    const p: UnfilteredPartition = { ...u, rows: [...u.rows].reverse(), reversed: true };
    const back = deserializeUnfilteredPartition(serializeUnfilteredPartition(p), lookupOf(table));
    expect(back.reversed).toBe(true);
    expect(plain(back)).toEqual(plain(p));
  });
});
