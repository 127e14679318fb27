import { invariant } from '../common/index.js';
import { InvalidRequestError } from '../errors/index.js';
import { buildList, buildMap, buildSet, buildUdt, splitCollection, splitFields, type CqlType } from '../types/index.js';
import { NO_DELETION_TIME, type Cell, type PathCell } from './partition-update.js';
import type { AssembledCell } from './read-partition.js';

/**
 * The value a client reads from the live cells of a multi-cell column (given in path order), as
 * Cassandra serializes ComplexColumnData for the native protocol: a list's values in path order, a set's
 * paths, a map's paths to values, a user type's fields by position with missing fields null.
 */
export function assembleComplexColumn(type: CqlType, live: readonly PathCell[]): AssembledCell {
  let timestamp = live[0]!.cell.timestamp;
  let ttlSeconds = 0;
  let localDeletionTime = NO_DELETION_TIME;
  for (const { cell } of live) {
    if (cell.timestamp > timestamp) timestamp = cell.timestamp;
    if (cell.ttlSeconds > 0 && cell.localDeletionTime < localDeletionTime) {
      ttlSeconds = cell.ttlSeconds;
      localDeletionTime = cell.localDeletionTime;
    }
  }
  return { value: assembledValue(type, live), timestamp, ttlSeconds, localDeletionTime, elements: live };
}

function assembledValue(type: CqlType, live: readonly PathCell[]): Buffer {
  if (type.kind === 'list') return buildList(live.map((pc) => pc.cell.value!));
  if (type.kind === 'set') return buildSet(type, live.map((pc) => pc.path));
  if (type.kind === 'map') return buildMap(type, live.map((pc) => [pc.path, pc.cell.value!] as const));
  invariant(type.kind === 'udt', `a ${type.kind} column is not multi-cell`);
  const fields: (Buffer | null)[] = type.fields.map(() => null);
  for (const pc of live) {
    const position = pc.path.readInt16BE(0);
    if (position < fields.length) fields[position] = pc.cell.value;
  }
  return buildUdt(fields);
}

const EMPTY = Buffer.alloc(0);

/** The cell path of a user type's field: its position as a 2-byte short (UserType.cellPathForField). */
export function udtFieldPath(position: number): Buffer {
  const path = Buffer.allocUnsafe(2);
  path.writeInt16BE(position);
  return path;
}

/**
 * The element cells a whole serialized value of a multi-cell column is written as, the inverse of
 * assembly: set elements as paths with empty values, map entries, list elements at the paths
 * `listPaths` hands out (in list order), the non-null fields of a user type. `cellOf` makes the cell
 * holding an element's value. Unordered (sets, maps as the client sent them); callers sort.
 */
export function decomposeComplexValue(
  type: CqlType, value: Buffer, cellOf: (value: Buffer) => Cell, listPaths: (count: number) => readonly Buffer[],
): PathCell[] {
  if (type.kind === 'udt') {
    const cells: PathCell[] = [];
    splitFields(value, type.fields.length).forEach((field, i) => {
      if (field !== null) cells.push({ path: udtFieldPath(i), cell: cellOf(field) });
    });
    return cells;
  }
  invariant(type.kind === 'list' || type.kind === 'set' || type.kind === 'map', `a ${type.kind} column is not multi-cell`);
  const parts = splitCollection(value, type.kind);
  if (parts.some((p) => p === null)) throw new InvalidRequestError('null is not supported inside collections');
  const elements = parts as Buffer[];
  if (type.kind === 'set') return elements.map((e) => ({ path: e, cell: cellOf(EMPTY) }));
  if (type.kind === 'map') {
    const cells: PathCell[] = [];
    for (let i = 0; i < elements.length; i += 2) cells.push({ path: elements[i]!, cell: cellOf(elements[i + 1]!) });
    return cells;
  }
  const paths = listPaths(elements.length);
  return elements.map((e, i) => ({ path: paths[i]!, cell: cellOf(e) }));
}
