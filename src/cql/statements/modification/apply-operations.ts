import { invariant } from '../../../common/index.js';
import { InvalidRequestError } from '../../../errors/index.js';
import { decomposeComplexValue, isAssembledCell, udtFieldPath, type Cell, type PathCell, type ReadPartition } from '../../../data/index.js';
import type { ColumnMetadata } from '../../../schema/index.js';
import { isMultiCell } from '../../../types/index.js';
import { collectionElements } from '../collection-elements.js';
import { UNSET, type BoundValue, type ExecutionContext, type QueryOptions } from '../query-options.js';
import type { ColumnOperation } from './column-operations.js';
import type { ListPaths } from './list-paths.js';
import { StatementListChanges } from './statement-list-changes.js';
import {
  cellTombstone, liveCell, overwriteDeletionTime, rowMarker, type PartitionUpdateBuilder, type RowUpdateBuilder, type WriteTime,
} from './row-builder.js';

/** The deltas one execution of a statement already gave counters, by cell (`c = c + 1, c = c + 2` adds up). */
export type PendingValues = Map<string, bigint>;

/** One row a write statement targets, with everything needed to build its cells. */
export interface RowTarget {
  readonly builder: PartitionUpdateBuilder;
  readonly keyComponents: readonly Buffer[];
  readonly clustering: Buffer[];
  readonly time: WriteTime;
  readonly options: QueryOptions;
  readonly ctx: ExecutionContext;
  /**
   * The partition as read before writing, for list operations by index or value (UpdateParameters'
   * prefetched rows): undefined when nothing was found or nothing needed reading.
   */
  readonly current: ReadPartition | undefined;
  readonly pending: PendingValues;
  /** Paths for new list elements, shared by everything one execution of the statement writes. */
  readonly listPaths: ListPaths;
}

/** Applies SET operations to a row; an INSERT also writes the row marker (primary key liveness). */
export function applyOperations(target: RowTarget, operations: readonly ColumnOperation[], insert: boolean): void {
  if (insert && writesRow(target)) target.builder.row(target.clustering).liveness = rowMarker(target.time);
  const lists = operations.some((op) => op.column.type.kind === 'list') ? new StatementListChanges() : null;
  for (const op of operations) applyOperation(target, op, lists);
}

function writesRow(target: RowTarget): boolean {
  return target.clustering.length === target.builder.table.clustering.length;
}

/** Where a column's cells go: the static row, or the target row. */
export function rowFor(target: RowTarget, column: ColumnMetadata): RowUpdateBuilder {
  if (column.kind === 'static') return target.builder.staticRow();
  invariant(writesRow(target), 'a regular column is written to a row with every clustering value');
  return target.builder.row(target.clustering);
}

/** The statement's changes to list columns so far (null when it changes none), which later list operations see. */
type Lists = StatementListChanges | null;

function applyOperation(target: RowTarget, op: ColumnOperation, lists: Lists): void {
  const { options: o, ctx: c } = target;
  switch (op.kind) {
    case 'set':
      return setValue(target, op.column, op.term(o, c), lists);
    case 'counter':
      return addToCounter(target, op.column, op.term(o, c), op.negate);
    case 'collection':
      return updateCollection(target, op.column, op.op, op.term(o, c), lists);
    case 'setElement':
      return setElement(target, op.column, op.key(o, c), op.term(o, c), lists);
    case 'deleteElement':
      return deleteElement(target, op.column, op.key(o, c), lists);
    case 'field':
      return setField(target, op.column, op.field, op.term(o, c));
  }
}

/**
 * `c = v`. A multi-cell column is overwritten: its earlier elements are deleted just before the write's
 * timestamp and the new ones written (Lists/Sets/Maps/UserTypes.Setter); null or empty leaves it deleted.
 */
function setValue(target: RowTarget, column: ColumnMetadata, value: BoundValue, lists: Lists): void {
  if (value === UNSET) return;
  const row = rowFor(target, column);
  if (!isMultiCell(column.type)) {
    row.addCell(column.name, value === null ? cellTombstone(target.time) : liveCell(value, target.time));
    return;
  }
  const deletion = overwriteDeletionTime(target.time);
  row.addComplexDeletion(column.name, deletion);
  if (column.type.kind === 'list') lists?.recordDeletion(column.name, deletion.markedForDeleteAt);
  if (value !== null) addElements(target, row, column, value, lists);
}

/** Writes every element of a serialized value as element cells; list elements go after the existing ones. */
function addElements(target: RowTarget, row: RowUpdateBuilder, column: ColumnMetadata, value: Buffer, lists: Lists): void {
  const cells = decomposeComplexValue(column.type, value, (v) => liveCell(v, target.time), (n) => target.listPaths.append(n));
  for (const { path, cell } of cells) writeElement(row, column, path, cell, lists);
}

/** Writes one element cell; a list's is also noted for the statement's later list operations. */
function writeElement(row: RowUpdateBuilder, column: ColumnMetadata, path: Buffer, cell: Cell, lists: Lists): void {
  row.addPathCell(column.name, path, cell);
  if (column.type.kind === 'list') lists?.record(column.name, path, cell);
}

/** `c = c + v`, `l = v + l`, `c = c - v`; a null operand changes nothing, as in Cassandra. */
function updateCollection(target: RowTarget, column: ColumnMetadata, op: 'add' | 'prepend' | 'subtract', value: BoundValue, lists: Lists): void {
  if (value === UNSET || value === null) return;
  const row = rowFor(target, column);
  if (op === 'add') {
    addElements(target, row, column, value, lists);
  } else if (op === 'prepend') {
    const elements = collectionElements(value);
    const paths = target.listPaths.prepend(elements.length);
    elements.forEach((e, i) => writeElement(row, column, paths[i]!, liveCell(e, target.time), lists));
  } else if (column.type.kind === 'list') {
    return discardFromList(target, row, column, value, lists);
  } else {
    // A set's elements and a map's keys are their paths.
    for (const e of collectionElements(value)) row.addPathCell(column.name, e, cellTombstone(target.time));
  }
}

/** Removing values from a list reads it to find the elements holding them (Lists.Discarder). */
function discardFromList(target: RowTarget, row: RowUpdateBuilder, column: ColumnMetadata, value: Buffer, lists: Lists): void {
  const toDiscard = collectionElements(value);
  for (const { path, cell } of currentElements(target, column, lists)) {
    if (toDiscard.some((d) => d.equals(cell.value!))) writeElement(row, column, path, cellTombstone(target.time), lists);
  }
}

/** `l[i] = v` (reads the list to find the i-th element) and `m[k] = v`; a null value deletes the element. */
function setElement(target: RowTarget, column: ColumnMetadata, key: BoundValue, value: BoundValue, lists: Lists): void {
  let path: Buffer;
  if (column.type.kind === 'list') {
    if (key === null) throw new InvalidRequestError('Invalid null value for list index');
    if (key === UNSET) throw new InvalidRequestError('Invalid unset value for list index');
    path = listElementPath(target, column, key.readInt32BE(0), 'Attempted to set an element on a list which is null', lists);
  } else {
    if (key === null) throw new InvalidRequestError('Invalid null map key');
    if (key === UNSET) throw new InvalidRequestError('Invalid unset map key');
    path = key;
  }
  if (value === UNSET) return;
  writeElement(rowFor(target, column), column, path, value === null ? cellTombstone(target.time) : liveCell(value, target.time), lists);
}

/** `DELETE l[i]`, `DELETE s[e]`, `DELETE m[k]`: a tombstone at the element's path. */
function deleteElement(target: RowTarget, column: ColumnMetadata, key: BoundValue, lists: Lists): void {
  const kind = column.type.kind;
  if (key === null) {
    throw new InvalidRequestError(kind === 'list' ? 'Invalid null value for list index' : kind === 'set' ? 'Invalid null set element' : 'Invalid null map key');
  }
  if (key === UNSET) {
    if (kind === 'map') throw new InvalidRequestError('Invalid unset map key');
    return;
  }
  const path = kind === 'list'
    ? listElementPath(target, column, key.readInt32BE(0), 'Attempted to delete an element from a list which is null', lists)
    : key;
  writeElement(rowFor(target, column), column, path, cellTombstone(target.time), lists);
}

/** `u.f = v`, `DELETE u.f`: the field's cell, or a tombstone in its place. */
function setField(target: RowTarget, column: ColumnMetadata, field: number, value: BoundValue): void {
  if (value === UNSET) return;
  const cell = value === null ? cellTombstone(target.time) : liveCell(value, target.time);
  rowFor(target, column).addPathCell(column.name, udtFieldPath(field), cell);
}

function listElementPath(target: RowTarget, column: ColumnMetadata, index: number, emptyMessage: string, lists: Lists): Buffer {
  const elements = currentElements(target, column, lists);
  if (elements.length === 0) throw new InvalidRequestError(emptyMessage);
  if (index < 0 || index >= elements.length) {
    throw new InvalidRequestError(`List index ${index} out of bound, list has size ${elements.length}`);
  }
  return elements[index]!.path;
}

/**
 * `c = c + d`, `c = c - d`: the counter cell carries the delta. The coordinator hands it to a leader
 * replica, which adds it to the counter's current value (Cassandra's counter update cells).
 */
function addToCounter(target: RowTarget, column: ColumnMetadata, delta: BoundValue, negate: boolean): void {
  if (delta === UNSET) return;
  if (delta === null) throw new InvalidRequestError('Invalid null value for counter increment/decrement');
  const id = cellId(target, column);
  const amount = delta.readBigInt64BE(0);
  const total = BigInt.asIntN(64, (target.pending.get(id) ?? 0n) + (negate ? -amount : amount));
  target.pending.set(id, total);
  const value = Buffer.allocUnsafe(8);
  value.writeBigInt64BE(total);
  rowFor(target, column).addCell(column.name, liveCell(value, { ...target.time, ttlSeconds: 0 }));
}

function cellId(target: RowTarget, column: ColumnMetadata): string {
  const b = target.builder;
  const clustering = column.kind === 'static' ? '' : target.clustering.map((c) => c.toString('hex')).join(':');
  return `${b.table.id.toString('hex')}/${b.key.toString('hex')}/${clustering}/${column.name}`;
}

/** The live elements of a list column as read before writing and changed by the statement so far, in list order. */
function currentElements(target: RowTarget, column: ColumnMetadata, lists: Lists): readonly PathCell[] {
  const cell = currentCell(target, column);
  const read = cell !== undefined && isAssembledCell(cell) ? cell.elements : [];
  return lists === null ? read : lists.elements(target.builder.table, column.name, read);
}

function currentCell(target: RowTarget, column: ColumnMetadata): Cell | undefined {
  const current = target.current;
  if (current === undefined) return undefined;
  if (column.kind === 'static') return current.staticCells.get(column.name);
  const clustering = target.clustering;
  const row = current.rows.find((r) => r.clustering.every((c, i) => c.equals(clustering[i]!)));
  return row?.cells.get(column.name);
}
