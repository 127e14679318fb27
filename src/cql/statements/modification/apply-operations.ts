import { ConsistencyLevel, InvalidRequestError } from '../../../errors/index.js';
import type { Cell } from '../../../data/index.js';
import type { ColumnMetadata } from '../../../schema/index.js';
import { buildList, buildMap, buildSet, buildUdt, comparatorFor, isMultiCell, splitFields, type CqlType } from '../../../types/index.js';
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
  const operand = op.term(o, c);
  if (operand === UNSET) return undefined;
  const id = cellId(target, op.column);
  const current = target.pending.has(id) ? target.pending.get(id)! : await currentValue(target, op.column);
  let value: Buffer | null;
  if (op.kind === 'counter') {
    if (operand === null) throw new InvalidRequestError('Invalid null value for counter increment/decrement');
    const base = current === null || current.length === 0 ? 0n : current.readBigInt64BE(0);
    const amount = operand.readBigInt64BE(0);
    value = Buffer.allocUnsafe(8);
    value.writeBigInt64BE(BigInt.asIntN(64, op.negate ? base - amount : base + amount));
  } else if (op.kind === 'field') {
    value = updateField(op.column.type, op.field, current, operand);
  } else {
    const key = op.key === null ? null : op.key(o, c);
    if (key === UNSET) return undefined;
    if (key === null && op.op === 'setElement') throw new InvalidRequestError(`Invalid null value for ${op.column.type.kind === 'list' ? 'list index' : 'map key'}`);
    if (operand === null && op.op !== 'setElement') return cellTombstone(time);
    value = updateCollection(op.column.type, op.op, current, operand, key);
  }
  target.pending.set(id, value);
  if (value === null) return cellTombstone(time);
  return liveCell(value, op.kind === 'counter' ? { ...time, ttlSeconds: 0 } : time);
}

/** `u.f = v` (and DELETE u.f) on a non-frozen user type: the other fields keep their values. */
function updateField(type: CqlType, field: number, current: Buffer | null, value: Buffer | null): Buffer | null {
  if (type.kind !== 'udt') throw new InvalidRequestError('Invalid field operation');
  const fields = current === null ? type.fields.map(() => null) : splitFields(current, type.fields.length);
  while (fields.length < type.fields.length) fields.push(null);
  fields[field] = value;
  return fields.every((f) => f === null) ? null : buildUdt(fields);
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

function updateCollection(
  type: CqlType, op: 'add' | 'prepend' | 'subtract' | 'setElement', current: Buffer | null, value: Buffer | null, key: Buffer | null,
): Buffer | null {
  if (type.kind === 'list') return updateList(type.element, op, current === null ? [] : collectionElements(current), value, key);
  if (type.kind === 'set') {
    const existing = current === null ? [] : collectionElements(current);
    const given = collectionElements(value!);
    if (op !== 'subtract') return buildSet(type, [...existing, ...given]);
    const cmp = comparatorFor(type.element);
    return emptyAsNull(buildSet(type, existing.filter((e) => !given.some((g) => cmp(e, g) === 0))));
  }
  if (type.kind !== 'map') throw new InvalidRequestError('Invalid collection operation');
  const parts = current === null ? [] : collectionElements(current, 2);
  const entries: [Buffer, Buffer][] = [];
  for (let i = 0; i < parts.length; i += 2) entries.push([parts[i]!, parts[i + 1]!]);
  const cmp = comparatorFor(type.key);
  if (op === 'setElement') {
    // m[k] = null removes the entry.
    const others = entries.filter(([k]) => cmp(k, key!) !== 0);
    return emptyAsNull(buildMap(type, value === null ? others : [...others, [key!, value]]));
  }
  if (op === 'subtract') {
    const given = collectionElements(value!);
    return emptyAsNull(buildMap(type, entries.filter(([k]) => !given.some((g) => cmp(k, g) === 0))));
  }
  const given = collectionElements(value!, 2);
  for (let i = 0; i < given.length; i += 2) entries.push([given[i]!, given[i + 1]!]);
  return buildMap(type, entries);
}

function updateList(
  element: CqlType, op: 'add' | 'prepend' | 'subtract' | 'setElement', existing: Buffer[], value: Buffer | null, key: Buffer | null,
): Buffer | null {
  if (op === 'setElement') {
    const index = key!.readInt32BE(0);
    if (index < 0 || index >= existing.length) throw new InvalidRequestError(`List index ${index} out of bound, list has size ${existing.length}`);
    // l[i] = null removes the element.
    const next = value === null ? existing.filter((_e, i) => i !== index) : existing.map((e, i) => (i === index ? value : e));
    return emptyAsNull(buildList(next));
  }
  const given = collectionElements(value!);
  if (op === 'add') return buildList([...existing, ...given]);
  if (op === 'prepend') return buildList([...given, ...existing]);
  const cmp = comparatorFor(element);
  return emptyAsNull(buildList(existing.filter((e) => !given.some((g) => cmp(e, g) === 0))));
}

/** A non-frozen collection left empty no longer exists: it reads as null. */
function emptyAsNull(value: Buffer): Buffer | null {
  return value.length === 4 && value.readInt32BE(0) === 0 ? null : value;
}
