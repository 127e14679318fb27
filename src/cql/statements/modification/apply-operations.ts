import { ConsistencyLevel, InvalidRequestError } from '../../../errors/index.js';
import type { Cell } from '../../../data/index.js';
import type { ColumnMetadata } from '../../../schema/index.js';
import { buildList, buildMap, buildSet, comparatorFor, isMultiCell, type CqlType } from '../../../types/index.js';
import { collectionElements } from '../collection-elements.js';
import { UNSET, type ExecutionContext, type QueryOptions } from '../query-options.js';
import type { StatementEnvironment } from '../statement-environment.js';
import type { ColumnOperation } from './column-operations.js';
import { cellTombstone, liveCell, rowMarker, type PartitionUpdateBuilder, type WriteTime } from './row-builder.js';

/** Values counters and collections got from earlier statements of the same batch, by cell. */
export type PendingValues = Map<string, Buffer | null>;

/** One row a write statement targets, with everything needed to build its cells. */
export interface RowTarget {
  readonly builder: PartitionUpdateBuilder;
  readonly keyComponents: readonly Buffer[];
  readonly clustering: Buffer[];
  readonly time: WriteTime;
  readonly options: QueryOptions;
  readonly ctx: ExecutionContext;
  readonly env: StatementEnvironment;
  readonly pending: PendingValues;
}

/** Applies SET operations to a row; an INSERT also writes the row marker (primary key liveness). */
export async function applyOperations(target: RowTarget, operations: readonly ColumnOperation[], insert: boolean): Promise<void> {
  const cells = new Map<string, Cell>();
  for (const op of operations) {
    const cell = await cellFor(target, op);
    if (cell === undefined) continue;
    if (op.column.kind === 'static') target.builder.addStaticCell(op.column.name, cell);
    else cells.set(op.column.name, cell);
  }
  const writesRow = target.clustering.length === target.builder.table.clustering.length;
  if (writesRow && (insert || cells.size > 0)) {
    target.builder.addRow({ clustering: target.clustering, liveness: insert ? rowMarker(target.time) : null, deletion: null, cells });
  }
}

async function cellFor(target: RowTarget, op: ColumnOperation): Promise<Cell | undefined> {
  const { options: o, ctx: c, time } = target;
  if (op.kind === 'set') {
    const v = op.term(o, c);
    if (v === UNSET) return undefined;
    // Setting a non-frozen collection to an empty one deletes it, as its cells would be in Cassandra.
    const empty = v !== null && isMultiCell(op.column.type) && v.length === 4 && v.readInt32BE(0) === 0;
    target.pending.set(cellId(target, op.column), empty ? null : v);
    return v === null || empty ? cellTombstone(time) : liveCell(v, time);
  }
  const delta = op.term(o, c);
  if (delta === UNSET) return undefined;
  if (delta === null) throw new InvalidRequestError(`Invalid null value for counter increment/decrement`);
  const id = cellId(target, op.column);
  const current = target.pending.has(id) ? target.pending.get(id)! : await currentValue(target, op.column);
  let value: Buffer;
  if (op.kind === 'counter') {
    const base = current === null || current.length === 0 ? 0n : current.readBigInt64BE(0);
    const amount = delta.readBigInt64BE(0);
    value = Buffer.allocUnsafe(8);
    value.writeBigInt64BE(BigInt.asIntN(64, op.negate ? base - amount : base + amount));
  } else {
    const key = op.key === null ? null : op.key(o, c);
    if (key === UNSET) return undefined;
    value = updateCollection(op.column.type, op.op, current, delta, key);
  }
  target.pending.set(id, value);
  return liveCell(value, op.kind === 'counter' ? { ...time, ttlSeconds: 0 } : time);
}

function cellId(target: RowTarget, column: ColumnMetadata): string {
  const b = target.builder;
  const clustering = column.kind === 'static' ? '' : target.clustering.map((c) => c.toString('hex')).join(':');
  return `${b.table.id.toString('hex')}/${b.key.toString('hex')}/${clustering}/${column.name}`;
}

/** Reads the column's current value; read-before-write for counters and collection updates. */
async function currentValue(target: RowTarget, column: ColumnMetadata): Promise<Buffer | null> {
  const { builder, env, clustering } = target;
  const partitions = await env.read({
    kind: 'single', table: builder.table, key: builder.key, token: builder.token, nowInSec: target.ctx.nowInSec, rowLimit: Infinity,
    filter: column.kind === 'static'
      ? { kind: 'slices', slices: [], reversed: false }
      : { kind: 'names', clusterings: [clustering], reversed: false },
  }, ConsistencyLevel.ONE);
  const p = partitions[0];
  if (p === undefined) return null;
  const cell = column.kind === 'static' ? p.staticCells.get(column.name) : p.rows[0]?.cells.get(column.name);
  return cell?.value ?? null;
}

function updateCollection(type: CqlType, op: 'add' | 'prepend' | 'subtract' | 'setElement', current: Buffer | null, value: Buffer, key: Buffer | null): Buffer {
  const perEntry = type.kind === 'map' ? 2 : 1;
  const existing = current === null ? [] : collectionElements(current, perEntry);
  const given = collectionElements(value, op === 'subtract' ? 1 : perEntry);
  if (type.kind === 'list') {
    if (op === 'add') return buildList([...existing, ...given]);
    if (op === 'prepend') return buildList([...given, ...existing]);
    if (op === 'setElement') {
      const index = key!.readInt32BE(0);
      if (index < 0 || index >= existing.length) throw new InvalidRequestError(`List index ${index} out of bound, list has size ${existing.length}`);
      existing[index] = value;
      return buildList(existing);
    }
    const cmp = comparatorFor(type.element);
    return buildList(existing.filter((e) => !given.some((g) => cmp(e, g) === 0)));
  }
  if (type.kind === 'set') {
    if (op === 'subtract') {
      const cmp = comparatorFor(type.element);
      return buildSet(type, existing.filter((e) => !given.some((g) => cmp(e, g) === 0)));
    }
    return buildSet(type, [...existing, ...given]);
  }
  if (type.kind !== 'map') throw new InvalidRequestError('Invalid collection operation');
  const entries: [Buffer, Buffer][] = [];
  for (let i = 0; i < existing.length; i += 2) entries.push([existing[i]!, existing[i + 1]!]);
  const cmp = comparatorFor(type.key);
  if (op === 'subtract') return buildMap(type, entries.filter(([k]) => !given.some((g) => cmp(k, g) === 0)));
  if (op === 'setElement') return buildMap(type, [...entries, [key!, value]]);
  const added: [Buffer, Buffer][] = [];
  for (let i = 0; i < given.length; i += 2) added.push([given[i]!, given[i + 1]!]);
  return buildMap(type, [...entries, ...added]);
}
