import type { CqlShell } from './cql-shell.js';
import { CONSISTENCY_LEVELS } from './cql-shell.js';

/**
 * Tab completion from what precedes the cursor in the statement: statement and shell-command words at
 * its start, keyspaces after USE/KEYSPACE, tables (and keyspaces) after FROM/INTO/UPDATE/TABLE/TRUNCATE,
 * a keyspace's tables after `ks.`, columns of the statement's table where columns go, levels after
 * CONSISTENCY, else CQL keywords. Keyspaces and columns come from the driver's metadata; table names from
 * system_schema.tables, which the driver's metadata does not list.
 */

const FIRST_WORDS = ['ALTER', 'APPLY', 'BEGIN', 'CAPTURE', 'CLEAR', 'CLS', 'CONSISTENCY', 'COPY', 'CREATE', 'DELETE', 'DESC', 'DESCRIBE',
  'DROP', 'EXIT', 'EXPAND', 'GRANT', 'HELP', 'INSERT', 'LIST', 'LOGIN', 'PAGING', 'QUIT', 'REVOKE', 'SELECT', 'SERIAL', 'SHOW', 'SOURCE',
  'TRACING', 'TRUNCATE', 'UPDATE', 'USE'];

const KEYWORDS = ['ADD', 'AGGREGATE', 'ALL', 'ALLOW', 'AND', 'APPLY', 'AS', 'ASC', 'BATCH', 'BY', 'CLUSTERING', 'COMPACT', 'CONTAINS', 'COUNT',
  'DESC', 'DISTINCT', 'EXISTS', 'FILTERING', 'FROM', 'FUNCTION', 'GROUP', 'IF', 'IN', 'INDEX', 'INTO', 'JSON', 'KEY', 'KEYSPACE', 'KEYSPACES',
  'LIMIT', 'MATERIALIZED', 'NOT', 'NULL', 'ON', 'OFF', 'ORDER', 'PARTITION', 'PER', 'PRIMARY', 'REPLICATION', 'SET', 'STATIC', 'TABLE',
  'TABLES', 'TIMESTAMP', 'TOKEN', 'TTL', 'TYPE', 'USING', 'VALUES', 'VIEW', 'WHERE', 'WITH', 'WRITETIME'];

/** Candidates for `word`, the text being completed, after `before` (the statement up to the word). */
export async function complete(shell: CqlShell, before: string, word: string): Promise<string[]> {
  const tokens = before.trim().split(/\s+/).filter((t) => t !== '');
  const previous = (tokens[tokens.length - 1] ?? '').toUpperCase();
  let candidates: string[];
  let keywordLike = false;
  const dotted = /^("?)(\w+)\1\.(\w*)$/.exec(word);
  if (tokens.length === 0) {
    candidates = FIRST_WORDS;
    keywordLike = true;
  } else if (['CONSISTENCY'].includes(previous)) {
    candidates = tokens[0]!.toUpperCase() === 'SERIAL' ? ['SERIAL', 'LOCAL_SERIAL'] : [...CONSISTENCY_LEVELS];
    keywordLike = true;
  } else if (['USE', 'KEYSPACE'].includes(previous)) {
    candidates = keyspaces(shell);
  } else if (['FROM', 'INTO', 'UPDATE', 'TABLE', 'TRUNCATE', 'COPY'].includes(previous)) {
    candidates = dotted !== null ? (await tables(shell, dotted[2]!)).map((t) => `${dotted[2]}.${t}`) : [...(await tables(shell, shell.keyspace)), ...keyspaces(shell).map((k) => `${k}.`)];
  } else if (expectsColumn(tokens)) {
    candidates = [...(await columns(shell, before)), ...KEYWORDS];
  } else {
    candidates = KEYWORDS;
    keywordLike = true;
  }
  const lower = word !== '' && word === word.toLowerCase();
  const cased = keywordLike ? candidates.map((c) => (lower ? c.toLowerCase() : c)) : candidates;
  const matches = cased.filter((c) => c.toLowerCase().startsWith(word.toLowerCase()));
  // A single whole word gets its space, as readline's completion in cqlsh does; a keyspace prefix ends in '.'.
  return matches.length === 1 && !matches[0]!.endsWith('.') ? [`${matches[0]} `] : matches;
}

/** After SELECT (before FROM), WHERE, AND, SET, BY, a comma or an opening parenthesis. */
function expectsColumn(tokens: readonly string[]): boolean {
  const last = tokens[tokens.length - 1]!;
  const upper = tokens.map((t) => t.toUpperCase());
  const selecting = upper[0] === 'SELECT' && !upper.includes('FROM');
  return selecting || ['WHERE', 'AND', 'SET', 'BY', 'SELECT'].includes(last.toUpperCase()) || /[,(]$/.test(last);
}

function keyspaces(shell: CqlShell): string[] {
  return Object.keys(shell.client.metadata.keyspaces).sort();
}

async function tables(shell: CqlShell, keyspace: string | null): Promise<string[]> {
  if (keyspace === null) return [];
  const result = await shell.client.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [keyspace], { prepare: true });
  return result.rows.map((r) => String(r['table_name']));
}

/** The columns of the table the statement names (FROM, INTO, UPDATE), or of every table it could be. */
async function columns(shell: CqlShell, statement: string): Promise<string[]> {
  const match = /\b(?:from|into|update)\s+(?:(\w+)\.)?(\w+)/i.exec(statement);
  const keyspace = match?.[1] ?? shell.keyspace;
  if (match === null || keyspace === null) return [];
  const table = await shell.client.metadata.getTable(keyspace, match[2]!).catch(() => null);
  return table === null ? [] : table.columns.map((c) => c.name);
}
