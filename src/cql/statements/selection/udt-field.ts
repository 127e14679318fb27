import { InvalidRequestError } from '../../../errors/index.js';
import { splitFields } from '../../../types/index.js';
import type { RowView } from './row-view.js';
import type { CompiledSelector, SelectorContext } from './selection.js';


/** `col.field` in a selection. */
export function udtField(
  inner: CompiledSelector, field: string,
  scalar: (s: CompiledSelector, row: RowView, sc: SelectorContext) => Buffer | null,
): CompiledSelector {
  const type = inner.type;
  if (type.kind !== 'udt') throw new InvalidRequestError(`Invalid field selection: ${inner.name} of type ${type.kind} is not a user type`);
  const index = type.fields.findIndex((f) => f.name === field);
  if (index < 0) throw new InvalidRequestError(`${type.name} has no field ${field}`);
  return {
    kind: 'scalar', name: `${inner.name}.${field}`, type: type.fields[index]!.type,
    value: (row, sc) => { const v = scalar(inner, row, sc); return v === null ? null : splitFields(v, type.fields.length)[index] ?? null; },
  };
}
