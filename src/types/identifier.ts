/**
 * Identifier quoting as Cassandra's ColumnIdentifier.maybeQuote does it: names that read back the same
 * unquoted (lower-case, not a reserved keyword) stay bare; others are double-quoted with "" escapes.
 */
const UNQUOTED_IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** Cassandra 4.1/5.0 reserved keywords (src/resources/.../cql3/reserved_keywords.txt). */
const RESERVED_KEYWORDS: ReadonlySet<string> = new Set([
  'add', 'allow', 'alter', 'and', 'apply', 'asc', 'authorize', 'batch', 'begin', 'by', 'columnfamily',
  'create', 'delete', 'desc', 'describe', 'drop', 'entries', 'execute', 'from', 'full', 'grant', 'if', 'in',
  'index', 'infinity', 'insert', 'into', 'is', 'keyspace', 'limit', 'materialized', 'modify', 'nan',
  'norecursive', 'not', 'null', 'of', 'on', 'or', 'order', 'primary', 'rename', 'revoke', 'schema', 'select',
  'set', 'table', 'to', 'token', 'truncate', 'unlogged', 'update', 'use', 'using', 'view', 'where', 'with',
]);

export function isReservedKeyword(word: string): boolean {
  return RESERVED_KEYWORDS.has(word.toLowerCase());
}

export function maybeQuoteIdentifier(name: string): string {
  if (UNQUOTED_IDENTIFIER.test(name) && !RESERVED_KEYWORDS.has(name)) return name;
  return '"' + name.replaceAll('"', '""') + '"';
}
