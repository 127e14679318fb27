import { InvalidRequestError } from '../../../errors/index.js';
import type { Relation } from '../../ast/index.js';

type Operator = Relation['operator'];

/**
 * What the relations on one column so far amount to, as SingleColumnRestriction.mergeWith sees them: the
 * kind of the first one (only slices with slices and CONTAINS with CONTAINS merge, so it stays the kind of
 * the merged restriction) and which bounds the slices set.
 */
export interface ColumnRelations {
  readonly first: Operator;
  readonly start: boolean;
  readonly end: boolean;
}

const isStart = (op: Operator): boolean => op === '>' || op === '>=';
const isEnd = (op: Operator): boolean => op === '<' || op === '<=';
const isContains = (op: Operator): boolean => op === 'CONTAINS' || op === 'CONTAINS KEY';

/**
 * Adds a relation on `column` to the ones before it, refused with the message of the restriction already
 * there (EQRestriction, INRestriction, LikeRestriction, ContainsRestriction and SliceRestriction.doMergeWith).
 */
export function mergeRelation(existing: ColumnRelations | undefined, added: Operator, column: string): ColumnRelations {
  if (existing === undefined) return { first: added, start: isStart(added), end: isEnd(added) };
  const { first } = existing;
  if (first === '=') throw new InvalidRequestError(`${column} cannot be restricted by more than one relation if it includes an Equal`);
  if (first === 'IN') throw new InvalidRequestError(`${column} cannot be restricted by more than one relation if it includes a IN`);
  if (first === 'LIKE') throw new InvalidRequestError(`${column} cannot be restricted by more than one relation if it includes a LIKE`);
  if (isContains(first)) {
    if (isContains(added)) return existing;
    throw new InvalidRequestError(`Collection column ${column} can only be restricted by CONTAINS, CONTAINS KEY, or map-entry equality`);
  }
  if (!isStart(added) && !isEnd(added)) {
    throw new InvalidRequestError(`Column "${column}" cannot be restricted by both an equality and an inequality relation`);
  }
  if (existing.start && isStart(added)) throw new InvalidRequestError(`More than one restriction was found for the start bound on ${column}`);
  if (existing.end && isEnd(added)) throw new InvalidRequestError(`More than one restriction was found for the end bound on ${column}`);
  return { first, start: existing.start || isStart(added), end: existing.end || isEnd(added) };
}
