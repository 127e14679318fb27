import type { Cell, Clustering, ComplexColumn, Row } from '../data/index.js';

/**
 * Values arriving with a request are often views into the request's frame. Stored as they are, one small
 * cell would keep a whole frame alive for as long as it lives in the memtable, so such views are copied
 * on the way in. Buffers from Node's shared pool (at most Buffer.poolSize) and values that are most of
 * their backing memory are kept without copying.
 */
export function ownedBytes(b: Buffer): Buffer {
  const backing = b.buffer.byteLength;
  return backing > Buffer.poolSize && b.length * 2 < backing ? Buffer.from(b) : b;
}

function needsCopy(b: Buffer): boolean {
  return ownedBytes(b) !== b;
}

export function ownedClustering(c: Clustering): Clustering {
  return c.some(needsCopy) ? c.map(ownedBytes) : c;
}

function ownedCell(cell: Cell): Cell {
  return cell.value !== null && needsCopy(cell.value) ? { ...cell, value: ownedBytes(cell.value) } : cell;
}

/** The clustering of every row of a table without clustering columns, and of every static row. */
export const NO_CLUSTERING: Clustering = [];

/**
 * The row itself when none of its buffers pins a larger one, else a copy that owns its bytes. An empty
 * clustering becomes the shared one (an empty array per row would cost 32 bytes).
 */
export function ownedRow(row: Row): Row {
  if (!pinsMemory(row)) return row.clustering.length > 0 || row.clustering === NO_CLUSTERING ? row : { ...row, clustering: NO_CLUSTERING };
  const cells = new Map<string, Cell>();
  for (const [name, cell] of row.cells) cells.set(name, ownedCell(cell));
  const copy = { ...row, clustering: row.clustering.length === 0 ? NO_CLUSTERING : ownedClustering(row.clustering), cells };
  if (row.complex === undefined) return copy;
  const complex = new Map<string, ComplexColumn>();
  for (const [name, column] of row.complex) {
    complex.set(name, {
      deletion: column.deletion,
      cells: column.cells.map(({ path, cell }) => ({ path: ownedBytes(path), cell: ownedCell(cell) })),
    });
  }
  return { ...copy, complex };
}

function pinsMemory(row: Row): boolean {
  if (row.clustering.some(needsCopy)) return true;
  for (const cell of row.cells.values()) {
    if (cell.value !== null && needsCopy(cell.value)) return true;
  }
  if (row.complex === undefined) return false;
  for (const column of row.complex.values()) {
    for (const { path, cell } of column.cells) {
      if (needsCopy(path) || (cell.value !== null && needsCopy(cell.value))) return true;
    }
  }
  return false;
}
