import { invariant } from '../../../common/index.js';
import { InvalidRequestError } from '../../../errors/index.js';
import type { ColumnMetadata, TableMetadata } from '../../../schema/index.js';
import { comparatorFor, formatValue, type CqlType } from '../../../types/index.js';
import { relationText, type Relation, type Term } from '../../ast/index.js';
import {
  equalityMatcher, isTextType, likeMatcher, likePattern, LIKE_FORM_TEXT, rangeMatcher, sasiIndexOf, textCodec, type SasiIndex,
  type ValueMatcher,
} from '../../sasi/index.js';
import type { ColumnSpecification } from '../column-specification.js';
import { indexTarget, validateIndexExpressionValue } from '../key-validation.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import { prepareTerm, type BindSpecifications } from '../term-preparer.js';
import type { FilterExpression } from './row-filter.js';
import { requiredValue } from './value-restriction.js';

/** The SASI indexes on a column, in the order the table lists its indexes. */
export function sasiIndexesOn(table: TableMetadata, column: ColumnMetadata): SasiIndex[] {
  const found: SasiIndex[] = [];
  for (const index of table.indexes.values()) {
    if (indexTarget(index).column !== column.name) continue;
    const sasi = sasiIndexOf(index, column);
    if (sasi !== null) found.push(sasi);
  }
  return found;
}

/**
 * A LIKE needs an index that searches the column as text, and a SELECT (StatementRestrictions: UPDATE and
 * DELETE use no index): otherwise Cassandra refuses it, naming the relation as written.
 */
export function checkLikeIndexed(table: TableMetadata, column: ColumnMetadata, relation: Relation, select: boolean): void {
  if (select && sasiIndexesOn(table, column).some((i) => i.supports('LIKE'))) return;
  throw new InvalidRequestError(`LIKE restriction is only supported on properly indexed columns. ${relationText(relation)} is not valid.`);
}

/**
 * A relation a SASI index answers, as the index answers it: LIKE by its form through an index whose mode
 * allows it (checked once the value is known, as LikeRestriction.addRowFilterTo does), `=` and slices by
 * the index's analyzer. A row without a value for the column never matches.
 */
export function prepareSasiFilter(
  column: ColumnMetadata, relation: Relation, receiver: ColumnSpecification, binds: BindSpecifications, indexes: readonly SasiIndex[],
): FilterExpression {
  const op = relation.operator;
  const term = prepareTerm(relation.value as Term, receiver, binds);
  const matcherFor = op === 'LIKE' ? likeFor(column, indexes) : comparisonFor(column, op, indexes);
  return (o: QueryOptions, c: ExecutionContext) => {
    const matches = matcherFor(requiredValue(term, o, c, column.name));
    return (read) => {
      const v = read(column);
      return v !== null && matches(v);
    };
  };
}

function likeFor(column: ColumnMetadata, indexes: readonly SasiIndex[]): (value: Buffer) => ValueMatcher {
  return (value) => {
    const { form, term } = likePattern(value);
    const index = indexes.find((i) => i.supportsOp(form));
    if (index === undefined) {
      throw new InvalidRequestError(`${column.name} ${LIKE_FORM_TEXT[form]} ${valueText(column.type, term)} is only supported on properly indexed columns`);
    }
    return likeMatcher(index, form, term);
  };
}

function comparisonFor(column: ColumnMetadata, op: Relation['operator'], indexes: readonly SasiIndex[]): (value: Buffer) => ValueMatcher {
  const index = indexes.find((i) => i.supports(op));
  invariant(index !== undefined, 'a SASI filter is prepared for a relation an index answers');
  const compare = comparatorFor(column.type);
  return (value) => {
    validateIndexExpressionValue(value);
    if (op === '=') return equalityMatcher(index, value, compare);
    invariant(op === '<' || op === '<=' || op === '>' || op === '>=', 'SASI answers =, slices and LIKE');
    return rangeMatcher(index, op, value, compare);
  };
}

/** AbstractType.getString: text as it is, other types as CQL literals. */
function valueText(type: CqlType, value: Buffer): string {
  return isTextType(type) ? textCodec(type).decode(value) : formatValue(type, value);
}
