import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import type { Conditions } from '../../ast/index.js';
import type { BindSpecifications } from '../term-preparer.js';
import { prepareCondition, type ColumnCondition } from './column-condition.js';

/**
 * The IF part of a modification, prepared (Cassandra's Conditions): IF NOT EXISTS, IF EXISTS, or
 * conditions on columns, those on static columns kept apart as they are checked against the static row.
 */
export type CasConditions =
  | { readonly kind: 'notExists' }
  | { readonly kind: 'exists' }
  | { readonly kind: 'columns'; readonly regular: readonly ColumnCondition[]; readonly statics: readonly ColumnCondition[] };

/** Prepares the conditions of a statement; null when it has none. */
export function prepareCasConditions(table: TableMetadata, raw: Conditions | 'notExists', binds: BindSpecifications): CasConditions | null {
  if (raw === 'notExists') return { kind: 'notExists' };
  if (raw.kind === 'none') return null;
  if (raw.kind === 'exists') return { kind: 'exists' };
  const regular: ColumnCondition[] = [];
  const statics: ColumnCondition[] = [];
  for (const condition of raw.conditions) {
    const prepared = prepareCondition(table, condition, binds);
    (prepared.column.kind === 'static' ? statics : regular).push(prepared);
  }
  return { kind: 'columns', regular, statics };
}

/** The columns the conditions are on, regular ones first (ColumnConditions.getColumns); empty for [NOT] EXISTS. */
export function conditionColumns(conditions: CasConditions | null): ColumnMetadata[] {
  if (conditions?.kind !== 'columns') return [];
  return [...conditions.regular, ...conditions.statics].map((c) => c.column);
}

export function conditionsApplyToStatics(conditions: CasConditions | null): boolean {
  return conditions?.kind === 'columns' && conditions.statics.length > 0;
}

export function conditionsApplyToRegulars(conditions: CasConditions | null): boolean {
  return conditions?.kind === 'columns' && conditions.regular.length > 0;
}
