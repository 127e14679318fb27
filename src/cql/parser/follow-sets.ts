/**
 * What may follow certain constructs anywhere in Cassandra's grammar (Parser.g's FOLLOW sets).
 *
 * ANTLR decides some choices with more than one token of lookahead: whether a name is qualified
 * (`ks.t` or `t`), whether a name in a selection is a column or a function, whether a term goes on
 * (`c = [1] + c`). Such decisions list every token that may come next, so an unexpected token is
 * reported right there as "no viable alternative" instead of later as "mismatched input". These sets
 * let the hand-written parser fail the same way.
 */
import type { TokenType } from '../lexer/token.js';

const STATEMENT_END: readonly TokenType[] = ['EOF', "';'"];

/** After a table name (columnFamilyName). */
export const FOLLOW_TABLE_NAME: ReadonlySet<TokenType> = new Set<TokenType>([
  ...STATEMENT_END, 'K_WHERE', 'K_USING', 'K_SET', "'('", 'K_JSON', 'K_WITH', 'K_GROUP', 'K_ORDER', 'K_PER',
  'K_LIMIT', 'K_ALLOW', 'K_AS', 'K_TO', 'K_FROM', 'K_OF', 'K_NORECURSIVE', 'K_ADD', 'K_DROP', 'K_RENAME',
  'K_ALTER', 'K_PRIMARY',
]);

/** After an index name (indexName). */
export const FOLLOW_INDEX_NAME: ReadonlySet<TokenType> = new Set<TokenType>(STATEMENT_END);

/** After a complete term: what ends a relation, condition, assignment, literal or argument list. */
export const FOLLOW_TERM: ReadonlySet<TokenType> = new Set<TokenType>([
  ...STATEMENT_END, "','", "')'", "']'", "'}'", "':'", 'RANGE', "'+'", 'K_AND', 'K_GROUP', 'K_ORDER', 'K_PER',
  'K_LIMIT', 'K_ALLOW', 'K_IF', 'K_WHERE', 'K_PRIMARY', 'K_INSERT', 'K_UPDATE', 'K_DELETE', 'K_APPLY', 'K_ASC',
  'K_DESC',
]);

/** After a column name used as a selector. */
export const FOLLOW_SELECTOR_NAME: ReadonlySet<TokenType> = new Set<TokenType>([
  ...STATEMENT_END, "'.'", "'['", "'*'", "'/'", "'%'", "'+'", "'-'", 'K_AS', "','", 'K_FROM', "')'", "']'", "'}'",
  "':'", 'K_ORDER', 'K_PER', 'K_LIMIT', 'K_ALLOW',
]);

/** After a column in DELETE's column list. */
export const FOLLOW_DELETION: ReadonlySet<TokenType> = new Set<TokenType>(["','", 'K_FROM']);
