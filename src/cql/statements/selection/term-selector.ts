import { InvalidRequestError } from '../../../errors/index.js';
import type { TableMetadata } from '../../../schema/index.js';
import type { CqlType } from '../../../types/index.js';
import { termText, type Term } from '../../ast/index.js';
import { UNSET } from '../query-options.js';
import { prepareTerm, type BindSpecifications } from '../term-preparer.js';
import type { CompiledSelector } from './selection.js';

/** The type a type hint gives a term (`(int)?`), or null when nothing but its receiver could tell. */
export function hintedType(term: Term, keyspace: string, binds: BindSpecifications): CqlType | null {
  return term.kind === 'cast' ? binds.hintType(term.type, keyspace) : null;
}

export function uninferableTerm(term: Term): InvalidRequestError {
  return new InvalidRequestError(`Cannot infer type for term ${termText(term)} in selection clause (try using a cast to force a type)`);
}

/**
 * A type hint as Cassandra's raw type prints it: as written (a tuple is not shown frozen unless written so),
 * with canonical spacing and, outside quoted names, in lower case.
 */
export function hintText(written: string): string {
  const spaced = written.replace(/\s+/g, '').replace(/,/g, ', ');
  return spaced.includes('"') ? spaced : spaced.toLowerCase();
}

/**
 * A literal, bind marker or type-hinted term in the selection clause (Cassandra's Selectable.WithTerm):
 * the same value on every row. Its bind markers are named `[selection]` in the prepared metadata. An
 * unset value is refused with `unset`'s error (a function argument's), or as a selected term.
 */
export function termSelector(
  term: Term, type: CqlType, table: TableMetadata, binds: BindSpecifications, unset?: () => InvalidRequestError,
): CompiledSelector {
  const prepared = prepareTerm(term, { keyspace: table.keyspace, table: table.name, name: '[selection]', type }, binds);
  const name = term.kind === 'cast' ? `(${hintText(term.type)})${termText(term.term)}` : termText(term);
  return {
    kind: 'scalar', name, type,
    value: (_row, sc) => {
      const v = prepared(sc.options, sc.ctx);
      if (v === UNSET) throw unset?.() ?? new InvalidRequestError(`Invalid unset value for ${name} in the selection clause`);
      return v;
    },
  };
}
