import {
  deletionSupersedes, isCellLive, isLivenessLive, type Cell, type ComplexColumn, type LivenessInfo, type Partitioner,
  type PartitionUpdate, type Row,
} from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { expiredLiveness, livenessForEntry, timestampForEntryDeletion } from './view-liveness.js';
import { matchesViewFilter } from './view-filter.js';

type UpdateAction = 'none' | 'newEntry' | 'deleteOld' | 'updateExisting' | 'switchEntry';

/**
 * The updates of one view for the updates of one base partition (Cassandra's ViewUpdateGenerator): each base
 * row is given as it was and as it is after the update; the view entries are created, updated, deleted or
 * moved (when the base column in the view key changed value) accordingly.
 */
export class ViewUpdateGenerator {
  private readonly updates = new Map<string, { key: Buffer; token: bigint; rows: Row[] }>();

  /** `baseKey`: the base partition key's components. */
  constructor(
    private readonly view: TableMetadata,
    private readonly base: TableMetadata,
    private readonly baseKey: readonly Buffer[],
    private readonly nowInSec: number,
    private readonly partitioner: Partitioner,
  ) {}

  addBaseTableUpdate(existing: Row | null, merged: Row): void {
    switch (this.updateAction(existing, merged)) {
      case 'none': return;
      case 'newEntry': return this.createEntry(merged);
      case 'deleteOld': return this.deleteOldEntry(existing!, merged);
      case 'updateExisting': return this.updateEntry(existing!, merged);
      case 'switchEntry':
        this.createEntry(merged);
        return this.deleteOldEntry(existing!, merged);
    }
  }

  /** The view partition updates gathered so far, one per view partition. */
  viewUpdates(): PartitionUpdate[] {
    return [...this.updates.values()].map(({ key, token, rows }) => ({
      table: this.view, key, token, partitionDeletion: null, rangeTombstones: [], staticRow: null, rows,
    }));
  }

  private updateAction(existing: Row | null, merged: Row): UpdateAction {
    const keyColumn = this.view.view!.baseNonKeyColumnInKey;
    if (keyColumn === null) {
      const before = existing !== null && this.hasLiveData(existing);
      const after = this.hasLiveData(merged);
      if (before) return after ? 'updateExisting' : 'deleteOld';
      return after ? 'newEntry' : 'none';
    }
    const before = existing?.cells.get(keyColumn);
    const after = merged.cells.get(keyColumn);
    if (before === after) return this.isLive(before) ? 'updateExisting' : 'none';
    if (!this.isLive(before)) return this.isLive(after) ? 'newEntry' : 'none';
    if (!this.isLive(after)) return 'deleteOld';
    return before!.value!.equals(after!.value!) ? 'updateExisting' : 'switchEntry';
  }

  private hasLiveData(row: Row): boolean {
    if (row.liveness !== null && isLivenessLive(row.liveness, this.nowInSec)) return true;
    for (const cell of row.cells.values()) if (isCellLive(cell, this.nowInSec)) return true;
    if (row.complex === undefined) return false;
    for (const column of row.complex.values()) for (const { cell } of column.cells) if (isCellLive(cell, this.nowInSec)) return true;
    return false;
  }

  private isLive(cell: Cell | undefined): boolean {
    return cell !== undefined && isCellLive(cell, this.nowInSec);
  }

  private matches(row: Row): boolean {
    return matchesViewFilter(this.view, this.base, this.baseKey, row.clustering);
  }

  private createEntry(baseRow: Row): void {
    if (!this.matches(baseRow)) return;
    const cells = new Map<string, Cell>();
    const complex = new Map<string, ComplexColumn>();
    for (const [name, cell] of baseRow.cells) if (this.isViewValueColumn(name)) cells.set(name, cell);
    if (baseRow.complex !== undefined) {
      for (const [name, column] of baseRow.complex) if (this.isViewValueColumn(name)) complex.set(name, column);
    }
    this.submit(baseRow, livenessForEntry(this.view, baseRow, this.nowInSec), baseRow.deletion, cells, complex);
  }

  private updateEntry(existing: Row, merged: Row): void {
    if (!this.matches(existing)) return this.createEntry(merged);
    if (!this.matches(merged)) return this.deleteOldEntryInternal(existing, merged);
    const { cells, complex } = this.differentCells(existing, merged);
    this.submit(merged, livenessForEntry(this.view, merged, this.nowInSec), merged.deletion, cells, complex);
  }

  private deleteOldEntry(existing: Row, merged: Row): void {
    if (this.matches(existing)) this.deleteOldEntryInternal(existing, merged);
  }

  private deleteOldEntryInternal(existing: Row, merged: Row): void {
    const timestamp = timestampForEntryDeletion(this.view, existing, merged);
    const rowDeletion = merged.deletion?.markedForDeleteAt;
    // A deletion later than the row deletion comes from the view key's base column or an unselected column.
    const liveness = rowDeletion === undefined || timestamp > rowDeletion ? expiredLiveness(timestamp, this.nowInSec) : null;
    const { cells, complex } = this.differentCells(existing, merged);
    this.submit(existing, liveness, merged.deletion, cells, complex);
  }

  /** The cells of `merged` that `existing` does not have as they are (ViewUpdateGenerator.addDifferentCells). */
  private differentCells(existing: Row, merged: Row): { cells: Map<string, Cell>; complex: Map<string, ComplexColumn> } {
    const cells = new Map<string, Cell>();
    for (const [name, cell] of merged.cells) {
      if (this.isViewValueColumn(name) && existing.cells.get(name) !== cell) cells.set(name, cell);
    }
    const complex = new Map<string, ComplexColumn>();
    for (const [name, column] of merged.complex ?? []) {
      if (!this.isViewValueColumn(name)) continue;
      const before = existing.complex?.get(name);
      if (before === undefined) {
        complex.set(name, column);
        continue;
      }
      if (before === column) continue;
      const deletion = column.deletion !== null && (before.deletion === null || deletionSupersedes(column.deletion, before.deletion))
        ? column.deletion : null;
      const changed = column.cells.filter((c) => !before.cells.some((b) => b.cell === c.cell && b.path.equals(c.path)));
      if (deletion !== null || changed.length > 0) complex.set(name, { deletion, cells: changed });
    }
    return { cells, complex };
  }

  /** Whether a base column is a value column of the view (selected, and not in the view's primary key). */
  private isViewValueColumn(name: string): boolean {
    const column = this.view.columns.get(name);
    return column !== undefined && (column.kind === 'regular' || column.kind === 'static');
  }

  private submit(
    baseRow: Row, liveness: LivenessInfo | null, deletion: Row['deletion'], cells: Map<string, Cell>, complex: Map<string, ComplexColumn>,
  ): void {
    if (liveness === null && deletion === null && cells.size === 0 && complex.size === 0) return;
    const components = this.view.partitionKey.map((c) => this.baseValue(c.name, baseRow));
    const clustering = this.view.clustering.map((c) => this.baseValue(c.name, baseRow));
    const row: Row = complex.size === 0
      ? { clustering, liveness, deletion, cells }
      : { clustering, liveness, deletion, cells, complex };
    const { key, token } = this.partitioner.decorateKey(components);
    const id = key.toString('hex');
    const update = this.updates.get(id);
    if (update === undefined) this.updates.set(id, { key, token, rows: [row] });
    else update.rows.push(row);
  }

  /** The value of a view key column, from the base row's key or from its cell (ViewUpdateGenerator.getValueForPK). */
  private baseValue(name: string, baseRow: Row): Buffer {
    const column = this.base.columns.get(name)!;
    if (column.kind === 'partition_key') return this.baseKey[column.position]!;
    if (column.kind === 'clustering') return baseRow.clustering[column.position]!;
    return baseRow.cells.get(name)!.value!;
  }
}
