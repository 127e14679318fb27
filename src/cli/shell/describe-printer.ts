import cassandra from 'cassandra-driver';
import type { CqlShell } from './cql-shell.js';
import { serverMessage } from './error-format.js';
import { columnize } from './result-table.js';

/**
 * DESCRIBE as cqlsh 6 does it against Cassandra 4: the statement goes to the server (server-side
 * DESCRIBE), and the rows print by kind: names in columns for KEYSPACES, TABLES, TYPES, FUNCTIONS and
 * AGGREGATES; cluster facts for CLUSTER; the create_statement of anything else.
 */
export async function describe(shell: CqlShell, statement: string): Promise<void> {
  let rows: cassandra.types.Row[];
  try {
    rows = await allRows(shell, statement);
  } catch (e) {
    // cqlsh prints only the server's message here, with its \n made real newlines.
    shell.out.error(serverMessage(e).replace(/\\n/g, '\n'));
    return;
  }
  const what = /^\s*desc(?:ribe)?\s+(?:only\s+)?(\w+)/i.exec(statement)?.[1]?.toLowerCase() ?? '';
  if (['columnfamilies', 'tables', 'types', 'functions', 'aggregates'].includes(what)) describeList(shell, rows);
  else if (what === 'keyspaces') {
    shell.out.result('');
    for (const line of columnize(rows.map((r) => String(r['name'])))) shell.out.result(line);
    shell.out.result('');
  } else if (what === 'cluster') describeCluster(shell, rows);
  else {
    for (const row of rows) {
      shell.out.result('');
      shell.out.result(String(row['create_statement']));
    }
    shell.out.result('');
  }
}

async function allRows(shell: CqlShell, statement: string): Promise<cassandra.types.Row[]> {
  const rows: cassandra.types.Row[] = [];
  let pageState: string | undefined;
  do {
    const result = await shell.client.execute(statement, [], { prepare: false, consistency: cassandra.types.consistencies.localOne, fetchSize: 1000, autoPage: false, pageState });
    rows.push(...result.rows);
    pageState = result.pageState ?? undefined;
  } while (pageState !== undefined);
  return rows;
}

/** Names grouped by keyspace, with a `Keyspace ks` heading when no keyspace is in use. */
function describeList(shell: CqlShell, rows: readonly cassandra.types.Row[]): void {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const keyspace = String(row['keyspace_name']);
    groups.set(keyspace, [...(groups.get(keyspace) ?? []), String(row['name'])]);
  }
  for (const [keyspace, names] of groups) {
    shell.out.result('');
    if (shell.keyspace === null) {
      shell.out.result(`Keyspace ${keyspace}`);
      shell.out.result(`---------${'-'.repeat(keyspace.length)}`);
    }
    for (const line of columnize(names)) shell.out.result(line);
  }
  if (groups.size > 0) shell.out.result('');
}

function describeCluster(shell: CqlShell, rows: readonly cassandra.types.Row[]): void {
  for (const row of rows) {
    shell.out.result('');
    shell.out.result(`Cluster: ${String(row['cluster'])}`);
    shell.out.result(`Partitioner: ${String(row['partitioner'])}`);
    shell.out.result(`Snitch: ${String(row['snitch'])}`);
    shell.out.result('');
    const ownership = row['range_ownership'] as Map<string, string[]> | Record<string, string[]> | null | undefined;
    if (ownership === null || ownership === undefined) continue;
    shell.out.result('Range ownership:');
    const entries = ownership instanceof Map ? [...ownership.entries()] : Object.entries(ownership);
    for (const [token, hosts] of entries) shell.out.result(` ${token.padStart(39)}  [${hosts.join(', ')}]`);
    shell.out.result('');
  }
}
