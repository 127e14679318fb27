import { maybeQuoteIdentifier } from '../../types/index.js';

/** `ks.name` with each part quoted when needed, as TableMetadata.toString prints a table. */
export function qualifiedName(keyspace: string, name: string): string {
  return `${maybeQuoteIdentifier(keyspace)}.${maybeQuoteIdentifier(name)}`;
}

/** A string literal in single quotes, inner quotes doubled (CqlBuilder.appendWithSingleQuotes). */
export function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
