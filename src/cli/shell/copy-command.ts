import { writeFileSync } from 'node:fs';
import cassandra from 'cassandra-driver';
import type { Clock } from '../../common/index.js';
import type { CqlShell } from './cql-shell.js';
import { copyOptions, parseWith, type CopyOptions } from './copy-options.js';
import { importRows, type CopyTarget } from './copy-import.js';
import { describeInterval, progress } from './copy-progress.js';
import { csvField } from './csv.js';
import { formatError } from './error-format.js';
import { formatG, formatValue, type ColumnType, type FormatOptions } from './value-format.js';

/**
 * COPY table [(columns)] TO|FROM 'file' [WITH option = value AND ...], as cqlsh's copyutil in one
 * process: its options (and the cqlshrc's [copy…] sections), values written as cqlsh formats them
 * (timestamps to the millisecond, in UTC), its progress and summary lines.
 */
const COPY = /^copy\s+(?:("?)(\w+)\1\.)?("?)(\w+)\3\s*(?:\(([^)]*)\))?\s+(to|from)\s+(?:'((?:[^']|'')*)'|(stdout|stdin)\b)\s*(?:with\s+(.*))?$/is;

export async function copy(shell: CqlShell, statement: string, clock: Clock): Promise<void> {
  const match = COPY.exec(statement.trim().replace(/;$/, ''));
  const given = match === null ? null : parseWith(match[9] ?? '');
  if (match === null || given === null) {
    shell.out.error('Improper COPY command.');
    return;
  }
  const keyspace = match[2] ?? shell.keyspace;
  if (keyspace === null) {
    shell.out.error('Not in any keyspace.');
    return;
  }
  const table = await shell.client.metadata.getTable(keyspace, match[4]!);
  if (table === null) {
    shell.out.error(`Column family ${match[4]} not found`);
    return;
  }
  const direction = match[6]!.toLowerCase() as 'to' | 'from';
  const file = match[7] === undefined ? null : match[7].replace(/''/g, "'");
  if (file === null && direction === 'from') {
    shell.out.error('COPY FROM STDIN is not supported by this shell: load from a file');
    return;
  }
  // copyutil says nothing but errors while it exports to standard output.
  const say = file === null ? (_line: string): void => undefined : (line: string): void => shell.out.print(line);
  let parsed;
  try {
    parsed = copyOptions(given, {
      configPath: shell.configPath, sections: shell.configSections, direction, keyspace, table: table.name, print: say,
    });
  } catch (e) {
    shell.out.error((e as Error).message);
    return;
  }
  const { options, unrecognized } = parsed;
  say(`Using ${options.numProcesses} child processes`);
  if (unrecognized.length > 0) {
    shell.out.error(`Unrecognized COPY ${direction.toUpperCase()} options: ${unrecognized.join(', ')}`);
    return;
  }
  const all = [...table.partitionKeys, ...table.clusteringKeys, ...table.columns.filter((c) => !table.partitionKeys.includes(c) && !table.clusteringKeys.includes(c))];
  const listed = match[5] === undefined ? all.map((c) => c.name) : match[5].split(',').map((n) => n.trim()).filter((n) => n !== '');
  const names = direction === 'from' ? listed.filter((n) => !options.skipCols.includes(n)) : listed;
  const columns = names.map((n) => all.find((c) => c.name === n));
  const unknown = names.find((_n, i) => columns[i] === undefined);
  if (unknown !== undefined) {
    shell.out.error(`Invalid column name ${unknown}`);
    return;
  }
  const target: CopyTarget = {
    table: `${keyspace}.${table.name}`, names, types: columns.map((c) => c!.type as unknown as ColumnType),
    primaryKey: [...table.partitionKeys, ...table.clusteringKeys].map((c) => c.name), file: file ?? '',
  };
  const started = clock.nowMs();
  if (direction === 'to') {
    await exportRows(shell, target, options, { clock, started, say, toStdout: file === null }, table.partitionKeys.map((c) => `"${c.name}"`));
    return;
  }
  const missingKey = target.primaryKey.find((k) => !names.includes(k));
  if (missingKey !== undefined) {
    shell.out.error(`Primary key column '${missingKey}' missing or skipped`);
    return;
  }
  shell.out.print('');
  shell.out.print(`Starting copy of ${target.table} with columns [${names.join(', ')}].`);
  await importRows(shell, target, options, clock, started);
}

/** "{:,.0f}" with the separator given. */
function withThousands(integer: string, sep: string): string {
  const negative = integer.startsWith('-');
  const digits = negative ? integer.slice(1) : integer;
  return (negative ? '-' : '') + digits.replace(/\B(?=(\d{3})+$)/g, sep);
}

/** A value as COPY TO writes it: BOOLSTYLE, DECIMALSEP and THOUSANDSSEP applied, timestamps in DATETIMEFORMAT to the millisecond. */
function exportText(value: unknown, type: ColumnType, options: CopyOptions, format: FormatOptions): string {
  const t = cassandra.types.dataTypes;
  if (type.code === t.boolean) return value === true ? options.boolStyle[0] : options.boolStyle[1];
  const isFloating = type.code === t.float || type.code === t.double || type.code === t.decimal;
  const isInteger = [t.int, t.bigint, t.smallint, t.tinyint, t.varint, t.counter].includes(type.code);
  if (isInteger && options.thousandsSep !== '') return withThousands(String(value), options.thousandsSep);
  if (isFloating && (options.thousandsSep !== '' || options.decimalSep !== '.')) {
    const n = Number(String(value));
    if (type.code !== t.decimal && !Number.isFinite(n)) return formatValue(n, type, format).text;
    if (options.thousandsSep === '') return formatValue(value, type, format).text.replace('.', options.decimalSep);
    const integer = Math.trunc(n);
    const fraction = Math.abs(n - integer).toFixed(format.floatPrecision).slice(2).replace(/0+$/, '');
    return withThousands(formatG(integer, 20), options.thousandsSep) + (fraction === '' ? '' : `${options.decimalSep}${fraction}`);
  }
  // round_microseconds: COPY FROM and CQL read timestamps to the millisecond.
  return formatValue(value, type, format).text.replace(/(\d\d:\d\d:\d\d\.\d{3})\d{3}/, '$1');
}

/** Where an export reports and writes: its clock and start, its messages, standard output instead of a file. */
interface ExportRun {
  readonly clock: Clock;
  readonly started: number;
  readonly say: (line: string) => void;
  readonly toStdout: boolean;
}

async function exportRows(shell: CqlShell, target: CopyTarget, options: CopyOptions, run: ExportRun, partitionKey: readonly string[]): Promise<void> {
  const { say } = run;
  say('');
  say(`Starting copy of ${target.table} with columns [${target.names.join(', ')}].`);
  const format: FormatOptions = { ...shell.format, timezone: null, timestampFormat: options.dateTimeFormat ?? shell.format.timestampFormat };
  const lines: string[] = options.header ? [target.names.map((n) => csvField(n, options)).join(options.delimiter)] : [];
  const range = [
    ...(options.beginToken === '' ? [] : [`token(${partitionKey.join(', ')}) > ${options.beginToken}`]),
    ...(options.endToken === '' ? [] : [`token(${partitionKey.join(', ')}) <= ${options.endToken}`]),
  ];
  const query = `SELECT ${target.names.map((n) => `"${n}"`).join(', ')} FROM ${target.table}${range.length > 0 ? ` WHERE ${range.join(' AND ')}` : ''}`;
  let pageState: string | undefined;
  let count = 0;
  try {
    do {
      const result = await shell.client.execute(query, [], {
        prepare: false, fetchSize: options.pageSize, pageState, autoPage: false, readTimeout: options.pageTimeoutS * 1000,
        consistency: cassandra.types.consistencies.one,
      });
      for (const row of result.rows) {
        const values = row.values();
        lines.push(values.map((v, i) => (v === null || v === undefined ? options.nullValue : csvField(exportText(v, target.types[i]!, options, format), options))).join(options.delimiter));
        count++;
      }
      pageState = result.pageState ?? undefined;
    } while (pageState !== undefined);
    if (run.toStdout) shell.out.raw(lines.map((l) => `${l}\n`).join(''));
    else writeFileSync(target.file, lines.map((l) => `${l}\n`).join(''), { encoding: options.encoding });
  } catch (e) {
    shell.out.error(`Error for (${target.table}): ${formatError(e)}`);
  }
  const elapsed = run.clock.nowMs() - run.started;
  say(progress(count, elapsed));
  say('');
  say(`${count} rows exported to 1 files in ${describeInterval(elapsed)}.`);
}
