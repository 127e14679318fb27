import type { Row } from '../../data/index.js';
import { CorruptDataError } from './serialization-errors.js';

/**
 * The columns a piece of serialized data refers to, by index (Cassandra's SerializationHeader names the
 * columns of an SSTable the same way). Cells are written with an index into this list, and the list is
 * stored with the data by name: a column added or dropped between write and read changes nothing, the
 * cells of a dropped column come back under its name and reads ignore them as the memtable does.
 */
export class ColumnDictionary {
  private readonly indexes = new Map<string, number>();
  private readonly names: string[] = [];

  static of(names: readonly string[]): ColumnDictionary {
    const d = new ColumnDictionary();
    for (const name of names) d.indexOf(name);
    return d;
  }

  get columnNames(): readonly string[] {
    return this.names;
  }

  /** The index of a column, added at the end on first sight. */
  indexOf(name: string): number {
    let index = this.indexes.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(name);
      this.indexes.set(name, index);
    }
    return index;
  }

  nameAt(index: number): string {
    const name = this.names[index];
    if (name === undefined) throw new CorruptDataError(`column index ${index} outside the ${this.names.length} columns of the header`);
    return name;
  }

  /** Adds the columns a row uses. */
  collect(row: Row): void {
    for (const name of row.cells.keys()) this.indexOf(name);
    if (row.complex !== undefined) for (const name of row.complex.keys()) this.indexOf(name);
  }
}
