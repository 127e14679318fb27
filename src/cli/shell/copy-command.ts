import { readFileSync, writeFileSync } from 'node:fs';
import cassandra from 'cassandra-driver';
import type { Clock } from '../../common/index.js';
import type { CqlShell } from './cql-shell.js';
import { csvField, parseCsv, type CsvDialect } from './csv.js';
import { formatError } from './error-format.js';
import { formatValue, type ColumnType } from './value-format.js';

/**
 * COPY table [(columns)] TO|FROM 'file' [WITH option = value AND ...], as cqlsh's copyutil in one
 * process: CSV with HEADER, DELIMITER, QUOTE, ESCAPE and NULL; values written as cqlsh formats them
 * (timestamps to the millisecond); each row that fails to load is reported and the others are loaded;
 * cqlsh's progress and summary lines.
 */
const COPY = /^copy\s+(?:("?)(\w+)\1\.)?("?)(\w+)\3\s*(?:\(([^)]*)\))?\s+(to|from)\s+'((?:[^']|'')*)'\s*(?:with\s+(.*))?$/is;

interface CopyOptions extends CsvDialect {
  readonly header: boolean;
  readonly nullValue: string;
}

export async function copy(shell: CqlShell, statement: string, clock: Clock): Promise<void> {
  const match = COPY.exec(statement.trim());
  if (match === null) {
    shell.out.error('Improper COPY command.');
    return;
  }
  const keyspace = match[2] ?? shell.keyspace;
  if (keyspace === null) {
    shell.out.error('Improper COPY command: no keyspace is in use.');
    return;
  }
  const options = copyOptions(match[8] ?? '');
  if (typeof options === 'string') {
    shell.out.error(options);
    return;
  }
  const table = await shell.client.metadata.getTable(keyspace, match[4]!);
  if (table === null) {
    shell.out.error(`Column family '${match[4]}' not found`);
    return;
  }
  const all = [...table.partitionKeys, ...table.clusteringKeys, ...table.columns.filter((c) => !table.partitionKeys.includes(c) && !table.clusteringKeys.includes(c))];
  const names = match[5] === undefined ? all.map((c) => c.name) : match[5].split(',').map((n) => n.trim()).filter((n) => n !== '');
  const columns = names.map((n) => all.find((c) => c.name === n));
  if (columns.some((c) => c === undefined)) {
    shell.out.error(`Invalid column name ${names.find((_n, i) => columns[i] === undefined)}`);
    return;
  }
  const types = columns.map((c) => c!.type as unknown as ColumnType);
  const file = match[7]!.replace(/''/g, "'");
  shell.out.print('Using 1 child processes');
  shell.out.print('');
  shell.out.print(`Starting copy of ${keyspace}.${table.name} with columns [${names.join(', ')}].`);
  const started = clock.nowMs();
  if (match[6]!.toLowerCase() === 'to') await exportRows(shell, `${keyspace}.${table.name}`, names, types, file, options, clock, started);
  else await importRows(shell, `${keyspace}.${table.name}`, names, types, file, options, clock, started);
}

function copyOptions(text: string): CopyOptions | string {
  const options = { delimiter: ',', quote: '"', escape: '\\', header: false, nullValue: '' };
  for (const part of text.split(/\s+and\s+/i).filter((p) => p.trim() !== '')) {
    const option = /^\s*(\w+)\s*=\s*(?:'((?:[^']|'')*)'|(\w+))\s*$/.exec(part);
    if (option === null) return `Improper COPY command.`;
    const value = option[2]?.replace(/''/g, "'") ?? option[3]!;
    switch (option[1]!.toLowerCase()) {
      case 'delimiter': options.delimiter = value; break;
      case 'quote': options.quote = value; break;
      case 'escape': options.escape = value; break;
      case 'null': options.nullValue = value; break;
      case 'header': options.header = ['true', 'yes', '1', 'on'].includes(value.toLowerCase()); break;
      default: return `Unrecognized COPY options: ${option[1]!.toLowerCase()}`;
    }
  }
  return options;
}

function progress(rows: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (rows * 1000) / elapsedMs : rows;
  return `Processed: ${rows} rows; Rate: ${rate.toFixed(0).padStart(7)} rows/s; Avg. rate: ${rate.toFixed(0).padStart(7)} rows/s`;
}

async function exportRows(shell: CqlShell, table: string, names: readonly string[], types: readonly ColumnType[], file: string, options: CopyOptions, clock: Clock, started: number): Promise<void> {
  const lines: string[] = options.header ? [names.map((n) => csvField(n, options)).join(options.delimiter)] : [];
  let pageState: string | undefined;
  let count = 0;
  try {
    do {
      const result = await shell.client.execute(`SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM ${table}`, [], { prepare: false, fetchSize: 1000, pageState, autoPage: false, consistency: cassandra.types.consistencies.one });
      for (const row of result.rows) {
        const values = row.values();
        // COPY TO writes timestamps to the millisecond, which COPY FROM and CQL read back (copyutil's round_microseconds).
        lines.push(values.map((v, i) => (v === null || v === undefined ? options.nullValue : csvField(formatValue(v, types[i]!).text.replace(/(\d\d:\d\d:\d\d\.\d{3})000(?=[+-]\d{4})/g, '$1'), options))).join(options.delimiter));
        count++;
      }
      pageState = result.pageState ?? undefined;
    } while (pageState !== undefined);
    writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  } catch (e) {
    shell.out.error(`Error for (${table}): ${formatError(e)}`);
  }
  const elapsed = clock.nowMs() - started;
  shell.out.print(progress(count, elapsed));
  shell.out.print(`${count} rows exported to 1 files in ${(elapsed / 1000).toFixed(3)} seconds.`);
}

async function importRows(shell: CqlShell, table: string, names: readonly string[], types: readonly ColumnType[], file: string, options: CopyOptions, clock: Clock, started: number): Promise<void> {
  let records: string[][];
  try {
    records = parseCsv(readFileSync(file, 'utf8'), options);
  } catch (e) {
    shell.out.error(`Can't open '${file}' for reading: ${(e as Error).message}`);
    return;
  }
  if (options.header) records = records.slice(1);
  let imported = 0;
  let failed = 0;
  const insert = `INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')}) VALUES `;
  for (const record of records) {
    if (record.length !== names.length) {
      shell.out.error(`Failed to import 1 rows: ParseError - Invalid row length ${record.length} should be ${names.length},  given up without retries`);
      failed++;
      continue;
    }
    const literals = record.map((field, i) => (field === options.nullValue ? 'NULL' : literal(field, types[i]!)));
    try {
      await shell.client.execute(`${insert}(${literals.join(', ')})`, [], { prepare: false, consistency: cassandra.types.consistencies.one });
      imported++;
    } catch (e) {
      shell.out.error(`Failed to import 1 rows: ${formatError(e).replace(/^(\w+): /, '$1 - ')},  given up without retries`);
      failed++;
    }
  }
  const elapsed = clock.nowMs() - started;
  shell.out.print(progress(imported, elapsed));
  if (failed > 0) shell.out.error(`Failed to process ${failed} rows`);
  shell.out.print('');
  shell.out.print(`${imported} rows imported from 1 files in ${(elapsed / 1000).toFixed(3)} seconds (0 skipped).`);
}

/** A CSV field as a CQL literal of its column's type: quoted for text, times, dates and addresses, as it is otherwise (cqlsh's own output is CQL). */
function literal(field: string, type: ColumnType): string {
  const { dataTypes: t } = cassandra.types;
  if ([t.ascii, t.text, t.varchar, t.timestamp, t.date, t.time, t.inet].includes(type.code)) return `'${field.replace(/'/g, "''")}'`;
  if (type.code === t.boolean) return field.toLowerCase();
  return field;
}
