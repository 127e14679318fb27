import { InvalidRequestError } from '../../errors/index.js';
import type { ValueComparator } from '../../types/index.js';
import type { SasiIndex } from './sasi-index.js';

/** The four forms of LIKE (Operator.LIKE_PREFIX, LIKE_SUFFIX, LIKE_CONTAINS, LIKE_MATCHES), named as the SASI searches they are. */
export type LikeForm = 'PREFIX' | 'SUFFIX' | 'CONTAINS' | 'MATCH';

/** How Operator prints each form in "… is only supported on properly indexed columns". */
export const LIKE_FORM_TEXT: Readonly<Record<LikeForm, string>> = {
  PREFIX: "LIKE '<term>%'", SUFFIX: "LIKE '%<term>'", CONTAINS: "LIKE '%<term>%'", MATCH: "LIKE '<term>'",
};

const WILDCARD = 0x25; // '%'

/**
 * LikeRestriction.makeSpecific: a leading and/or trailing % makes the LIKE a suffix, prefix or contains
 * search; without one it matches whole terms. Only those two places are wildcards; the rest is the term.
 */
export function likePattern(value: Buffer): { form: LikeForm; term: Buffer } {
  const starts = value.length > 0 && value[0] === WILDCARD;
  const ends = value.length > 0 && value[value.length - 1] === WILDCARD;
  let begin = 0;
  let end = value.length - 1;
  let form: LikeForm;
  if (ends) {
    form = starts ? 'CONTAINS' : 'PREFIX';
    if (starts) begin = 1;
  } else if (starts) {
    form = 'SUFFIX';
    begin++;
    end++;
  } else {
    form = 'MATCH';
    end++;
  }
  if (end <= 0 || begin >= end) throw new InvalidRequestError("LIKE value can't be empty.");
  return { form, term: value.subarray(begin, end) };
}

/** A row value test; null values never match (Operation.localSatisfiedBy). */
export type ValueMatcher = (value: Buffer) => boolean;

/**
 * Expression.isSatisfiedBy for a LIKE: the query term is analyzed as values are, and a value matches when
 * one of its terms starts with, ends with, contains or equals one of the query's terms.
 */
export function likeMatcher(index: SasiIndex, form: LikeForm, term: Buffer): ValueMatcher {
  const queryTerms = index.analyzer.analyze(term);
  const matches = TERM_MATCHERS[form];
  return (value) => {
    if (queryTerms.length === 0) return false;
    const terms = index.analyzer.analyze(value);
    return queryTerms.some((q) => terms.some((t) => matches(t, q)));
  };
}

/**
 * `=` through a SASI index: on text (literal) columns a value matches when one of its terms equals the
 * analyzed query (so a case-insensitive index finds 'Pavel' by 'pavel'); elsewhere values compare by type.
 * Operation.analyzeGroup keeps the last term of the analyzed query.
 */
export function equalityMatcher(index: SasiIndex, query: Buffer, compare: ValueComparator): ValueMatcher {
  const wanted = index.analyzer.analyze(query).at(-1);
  if (wanted === undefined) return () => false;
  if (!index.isLiteral) return (value) => compare(value, wanted) === 0;
  return (value) => index.analyzer.analyze(value).some((t) => t.equals(wanted));
}

/** A slice through a SASI index (non-literal columns only): the value against the analyzed bound. */
export function rangeMatcher(
  index: SasiIndex, operator: '<' | '<=' | '>' | '>=', bound: Buffer, compare: ValueComparator,
): ValueMatcher {
  const limit = index.analyzer.analyze(bound).at(-1);
  if (limit === undefined) return () => false;
  switch (operator) {
    case '<': return (value) => compare(value, limit) < 0;
    case '<=': return (value) => compare(value, limit) <= 0;
    case '>': return (value) => compare(value, limit) > 0;
    case '>=': return (value) => compare(value, limit) >= 0;
  }
}

const TERM_MATCHERS: Readonly<Record<LikeForm, (term: Buffer, query: Buffer) => boolean>> = {
  MATCH: (t, q) => t.equals(q),
  PREFIX: (t, q) => t.length >= q.length && t.subarray(0, q.length).equals(q),
  SUFFIX: (t, q) => t.length >= q.length && t.subarray(t.length - q.length).equals(q),
  CONTAINS: (t, q) => t.indexOf(q) >= 0,
};
