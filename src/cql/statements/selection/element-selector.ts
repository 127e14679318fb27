import { InvalidRequestError } from '../../../errors/index.js';
import type { TableMetadata } from '../../../schema/index.js';
import { buildMap, buildSet, comparatorFor, type CqlType } from '../../../types/index.js';
import { termText, type Term } from '../../ast/index.js';
import { collectionElements } from '../collection-elements.js';
import { collectionPartSpec } from '../table-columns.js';
import { UNSET } from '../query-options.js';
import { prepareTerm, type BindSpecifications, type PreparedTerm } from '../term-preparer.js';
import { scalarValue, type CompiledSelector, type SelectorContext } from './selection.js';

type MapOrSet = Extract<CqlType, { kind: 'map' | 'set' }>;

/** Element and slice selection work on sets and maps only, as in Cassandra 4.1 (Selectable.WithElementSelection). */
function collectionType(inner: CompiledSelector, what: 'Element' | 'Slice'): MapOrSet {
  const t = inner.type;
  if (t.kind === 'list') throw new InvalidRequestError(`${what} selection is only allowed on sets and maps, but ${inner.name} is a list`);
  if (t.kind !== 'map' && t.kind !== 'set') {
    throw new InvalidRequestError(`Invalid ${what.toLowerCase()} selection: ${inner.name} is of type ${t.kind} is not a collection`);
  }
  return t;
}

/** A map key is bound as `key(m)`, a set element as `value(s)`. */
function keyTerm(table: TableMetadata, inner: CompiledSelector, t: MapOrSet, term: Term, binds: BindSpecifications): PreparedTerm {
  const receiver = { keyspace: table.keyspace, table: table.name, name: inner.name, type: t };
  return prepareTerm(term, collectionPartSpec(receiver, t.kind === 'map' ? 'key' : 'value'), binds);
}

/** `m['k']` (the value under a key) and `s['x']` (the element, if present). */
export function elementSelector(table: TableMetadata, inner: CompiledSelector, key: Term, binds: BindSpecifications): CompiledSelector {
  const t = collectionType(inner, 'Element');
  const keyValue = keyTerm(table, inner, t, key, binds);
  const cmp = comparatorFor(t.kind === 'map' ? t.key : t.element);
  const step = t.kind === 'map' ? 2 : 1;
  return {
    kind: 'scalar', name: `${inner.name}[${termText(key)}]`, type: t.kind === 'map' ? t.value : t.element,
    value: (row, sc) => {
      const k = keyValue(sc.options, sc.ctx);
      if (k === null) throw new InvalidRequestError(`Invalid null value for element selection on ${inner.name}`);
      if (k === UNSET) throw new InvalidRequestError(`Invalid unset value for element selection on ${inner.name}`);
      const v = scalarValue(inner, row, sc);
      if (v === null) return null;
      const parts = collectionElements(v, step);
      for (let i = 0; i < parts.length; i += step) if (cmp(parts[i]!, k) === 0) return parts[i + step - 1]!;
      return null;
    },
  };
}

/**
 * `m['a'..'b']`, `s[..'x']`: the entries whose keys lie within both (inclusive) bounds, as a collection of
 * the same type. A frozen collection yields an empty one when nothing matches; a non-frozen one has no
 * value without cells, so it yields null.
 */
export function sliceSelector(
  table: TableMetadata, inner: CompiledSelector, from: Term | null, to: Term | null, binds: BindSpecifications,
): CompiledSelector {
  const t = collectionType(inner, 'Slice');
  const bound = (term: Term | null): PreparedTerm | null => (term === null ? null : keyTerm(table, inner, t, term, binds));
  const fromValue = bound(from);
  const toValue = bound(to);
  const cmp = comparatorFor(t.kind === 'map' ? t.key : t.element);
  const boundOf = (term: PreparedTerm | null, sc: SelectorContext): Buffer | null => {
    const v = term === null ? UNSET : term(sc.options, sc.ctx);
    if (v === null) throw new InvalidRequestError(`Invalid null value for slice selection on ${inner.name}`);
    return v === UNSET ? null : v;
  };
  return {
    kind: 'scalar',
    name: `${inner.name}[${from === null ? '' : termText(from)}..${to === null ? '' : termText(to)}]`,
    type: t,
    value: (row, sc) => {
      const lower = boundOf(fromValue, sc);
      const upper = boundOf(toValue, sc);
      const v = scalarValue(inner, row, sc);
      if (v === null) return null;
      const inRange = (k: Buffer): boolean => (lower === null || cmp(k, lower) >= 0) && (upper === null || cmp(k, upper) <= 0);
      if (t.kind === 'set') {
        const kept = collectionElements(v).filter(inRange);
        return kept.length === 0 && !t.frozen ? null : buildSet(t, kept);
      }
      const parts = collectionElements(v, 2);
      const kept: [Buffer, Buffer][] = [];
      for (let i = 0; i < parts.length; i += 2) if (inRange(parts[i]!)) kept.push([parts[i]!, parts[i + 1]!]);
      return kept.length === 0 && !t.frozen ? null : buildMap(t, kept);
    },
  };
}
