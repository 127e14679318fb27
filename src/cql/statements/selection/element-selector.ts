import { InvalidRequestError } from '../../../errors/index.js';
import type { TableMetadata } from '../../../schema/index.js';
import { comparatorFor, native, type CqlType } from '../../../types/index.js';
import type { Term } from '../../ast/index.js';
import { collectionElements } from '../collection-elements.js';
import { UNSET, type ExecutionContext, type QueryOptions } from '../query-options.js';
import { BindSpecifications, prepareTerm } from '../term-preparer.js';
import { scalarValue, type CompiledSelector } from './selection.js';

/** `m['k']`, `l[0]`, `s['x']` in a selection (Cassandra 4.0+ element selectors). */
export function elementSelector(table: TableMetadata, inner: CompiledSelector, key: Term): CompiledSelector {
  const t = inner.type;
  if (t.kind !== 'map' && t.kind !== 'list' && t.kind !== 'set') {
    throw new InvalidRequestError(`Invalid element selection: ${inner.name} is of type ${t.kind} is not a collection`);
  }
  const keyType: CqlType = t.kind === 'map' ? t.key : t.kind === 'list' ? native('int') : t.element;
  const resultType: CqlType = t.kind === 'map' ? t.value : t.element;
  const binds = new BindSpecifications();
  const keyTerm = prepareTerm(key, { keyspace: table.keyspace, table: table.name, name: `key(${inner.name})`, type: keyType }, binds);
  if (binds.specs.length > 0) throw new InvalidRequestError('Bind markers are not supported in element selections yet by Cassanova');
  const cmp = comparatorFor(keyType);
  const noOptions = { values: [] } as unknown as QueryOptions;
  return {
    kind: 'scalar', name: `${inner.name}[${key.kind === 'constant' ? '...' : '?'}]`, type: resultType,
    value: (row, ctx: ExecutionContext) => {
      const v = scalarValue(inner, row, ctx);
      const k = keyTerm(noOptions, ctx);
      if (v === null || k === null || k === UNSET) return null;
      if (t.kind === 'list') return collectionElements(v)[k.readInt32BE(0)] ?? null;
      const parts = collectionElements(v, t.kind === 'map' ? 2 : 1);
      const step = t.kind === 'map' ? 2 : 1;
      for (let i = 0; i < parts.length; i += step) if (cmp(parts[i]!, k) === 0) return parts[i + step - 1]!;
      return null;
    },
  };
}
