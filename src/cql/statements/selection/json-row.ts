import { quoteJsonString, toJsonText } from '../../../types/index.js';
import type { ColumnSpecification } from '../column-specification.js';

/**
 * One SELECT JSON row (Selection.rowToJson): `{"name": value, …}` in selection order, a name that is not
 * lower case quoted as CQL quotes it, null as null, any other value (empty ones too) as its type's JSON.
 */
export function jsonRow(columns: readonly ColumnSpecification[], values: readonly (Buffer | null)[]): Buffer {
  const fields = columns.map((column, i) => {
    const name = column.name === column.name.toLowerCase() ? column.name : `"${column.name}"`;
    const value = values[i] ?? null;
    return `"${quoteJsonString(name)}": ${value === null ? 'null' : toJsonText(column.type, value)}`;
  });
  return Buffer.from(`{${fields.join(', ')}}`, 'utf8');
}
