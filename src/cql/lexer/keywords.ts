/**
 * CQL keywords as Cassandra 4.1/5.0 lexes them. Reserved keywords can never be identifiers; the
 * unreserved ones become identifiers wherever the grammar accepts a name (Parser.g's
 * unreserved_keyword). Unreserved words the grammar never tests for (PASSWORD, SFUNC, ...) are
 * simply lexed as IDENT, which is indistinguishable to the user.
 */

const RESERVED = [
  'K_ADD', 'K_ALLOW', 'K_ALTER', 'K_AND', 'K_APPLY', 'K_ASC', 'K_AUTHORIZE', 'K_BATCH', 'K_BEGIN', 'K_BY',
  'K_COLUMNFAMILY', 'K_CREATE', 'K_DELETE', 'K_DESC', 'K_DESCRIBE', 'K_DROP', 'K_ENTRIES', 'K_EXECUTE',
  'K_FROM', 'K_FULL', 'K_GRANT', 'K_IF', 'K_IN', 'K_INDEX', 'K_POSITIVE_INFINITY', 'K_INSERT', 'K_INTO',
  'K_IS', 'K_KEYSPACE', 'K_LIMIT', 'K_MATERIALIZED', 'K_MODIFY', 'K_POSITIVE_NAN', 'K_NORECURSIVE', 'K_NOT',
  'K_NULL', 'K_OF', 'K_ON', 'K_OR', 'K_ORDER', 'K_PRIMARY', 'K_RENAME', 'K_REVOKE', 'K_SCHEMA', 'K_SELECT',
  'K_SET', 'K_TO', 'K_TOKEN', 'K_TRUNCATE', 'K_UNLOGGED', 'K_UPDATE', 'K_USE', 'K_USING', 'K_VIEW',
  'K_WHERE', 'K_WITH',
] as const;

/** Native type keywords, with the type name they stand for. */
export const NATIVE_TYPES = {
  K_ASCII: 'ascii', K_BIGINT: 'bigint', K_BLOB: 'blob', K_BOOLEAN: 'boolean', K_COUNTER: 'counter',
  K_DATE: 'date', K_DECIMAL: 'decimal', K_DOUBLE: 'double', K_DURATION: 'duration', K_FLOAT: 'float',
  K_INET: 'inet', K_INT: 'int', K_SMALLINT: 'smallint', K_TEXT: 'text', K_TIME: 'time',
  K_TIMESTAMP: 'timestamp', K_TIMEUUID: 'timeuuid', K_TINYINT: 'tinyint', K_UUID: 'uuid',
  K_VARCHAR: 'varchar', K_VARINT: 'varint',
} as const;

export type NativeTypeKeyword = keyof typeof NATIVE_TYPES;

/** Parser.g's basic_unreserved_keyword, restricted to the words this grammar tests for. */
const BASIC_UNRESERVED = [
  'K_AS', 'K_KEYS', 'K_VALUES', 'K_PER', 'K_PARTITION', 'K_TYPE', 'K_TYPES', 'K_COMPACT', 'K_STORAGE',
  'K_FILTERING', 'K_CONTAINS', 'K_GROUP', 'K_CLUSTER', 'K_CLUSTERING', 'K_INTERNALS', 'K_ONLY',
  'K_KEYSPACES', 'K_TABLES', 'K_CUSTOM', 'K_EXISTS', 'K_MAP', 'K_LIST', 'K_TUPLE', 'K_FROZEN', 'K_STATIC',
  'K_FUNCTION', 'K_FUNCTIONS', 'K_AGGREGATE', 'K_AGGREGATES', 'K_DEFAULT', 'K_UNSET', 'K_LIKE', 'K_VECTOR',
  'K_USER', 'K_ROLE', 'K_TRIGGER', 'K_IDENTITY',
] as const;

/** Unreserved keywords that are not accepted as function names (unreserved_keyword minus unreserved_function_keyword). */
const NON_FUNCTION_UNRESERVED = [
  'K_TTL', 'K_COUNT', 'K_WRITETIME', 'K_MAXWRITETIME', 'K_KEY', 'K_CAST', 'K_JSON', 'K_DISTINCT',
] as const;

export type KeywordType =
  | (typeof RESERVED)[number] | NativeTypeKeyword | (typeof BASIC_UNRESERVED)[number]
  | (typeof NON_FUNCTION_UNRESERVED)[number];

/** Lower-cased spelling → token type. TABLE/COLUMNFAMILY and TABLES/COLUMNFAMILIES share a type, as in Lexer.g. */
export const KEYWORDS: ReadonlyMap<string, KeywordType> = (() => {
  const map = new Map<string, KeywordType>();
  const all: readonly KeywordType[] = [
    ...RESERVED, ...(Object.keys(NATIVE_TYPES) as NativeTypeKeyword[]), ...BASIC_UNRESERVED, ...NON_FUNCTION_UNRESERVED,
  ];
  for (const type of all) map.set(type.slice(2).toLowerCase(), type);
  map.delete('positive_infinity');
  map.delete('positive_nan');
  map.set('infinity', 'K_POSITIVE_INFINITY');
  map.set('nan', 'K_POSITIVE_NAN');
  map.set('table', 'K_COLUMNFAMILY');
  map.set('columnfamilies', 'K_TABLES');
  return map;
})();

/** The longest keyword spelling; longer words are identifiers without a lookup. */
export const MAX_KEYWORD_LENGTH = Math.max(...[...KEYWORDS.keys()].map((k) => k.length));

const unreserved = new Set<string>([...Object.keys(NATIVE_TYPES), ...BASIC_UNRESERVED, ...NON_FUNCTION_UNRESERVED]);
const functionNameKeywords = new Set<string>([...Object.keys(NATIVE_TYPES), ...BASIC_UNRESERVED, 'K_TOKEN', 'K_COUNT']);
const typeNameKeywords = new Set<string>([...BASIC_UNRESERVED, 'K_KEY']);

/** Keywords usable as column, table, keyspace, field and bind-marker names (unreserved_keyword). */
export function isUnreservedKeyword(type: string): boolean {
  return unreserved.has(type);
}

/** Keywords usable as function names (unreserved_function_keyword, plus TOKEN and COUNT). */
export function isFunctionNameKeyword(type: string): boolean {
  return functionNameKeywords.has(type);
}

/** Keywords usable as user type names (basic_unreserved_keyword and KEY): never a native type name. */
export function isTypeNameKeyword(type: string): boolean {
  return typeNameKeywords.has(type);
}

export function isNativeTypeKeyword(type: string): type is NativeTypeKeyword {
  return Object.prototype.hasOwnProperty.call(NATIVE_TYPES, type);
}

/**
 * Unreserved keywords of Cassandra 4.1/5.0 that this grammar never tests for, so lexes as IDENT. They
 * matter in one place: a property value may be an unreserved keyword (`WITH x = ALL`) but not any word.
 */
const OTHER_UNRESERVED_WORDS = new Set([
  'access', 'all', 'ann', 'called', 'cidrs', 'datacenters', 'finalfunc', 'generated', 'hashed', 'initcond',
  'input', 'language', 'login', 'masked', 'mbean', 'mbeans', 'nologin', 'nosuperuser', 'options', 'password',
  'permission', 'permissions', 'replace', 'returns', 'roles', 'select_masked', 'sfunc', 'stype', 'superuser',
  'superusers', 'unmask', 'users',
]);

/** Whether an IDENT token's text is one of those other unreserved keywords. */
export function isOtherUnreservedWord(text: string): boolean {
  return OTHER_UNRESERVED_WORDS.has(text.toLowerCase());
}
