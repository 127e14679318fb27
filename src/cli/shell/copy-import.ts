import { appendFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import cassandra from 'cassandra-driver';
import type { Clock } from '../../common/index.js';
import { consistencyCode, type CqlShell } from './cql-shell.js';
import type { CopyOptions } from './copy-options.js';
import { describeInterval, progress } from './copy-progress.js';
import { csvField, parseCsv } from './csv.js';
import { formatError } from './error-format.js';
import { strftime, strptime } from './strftime.js';
import type { ColumnType } from './value-format.js';

/** The table and columns a COPY reads or writes. */
export interface CopyTarget {
  readonly table: string;
  readonly names: readonly string[];
  readonly types: readonly ColumnType[];
  readonly primaryKey: readonly string[];
  readonly file: string;
}

/** A row refused before it is sent (copyutil's ParseError and the conversion errors it counts as parse errors). */
class ParseError extends Error {}

const { dataTypes: t } = cassandra.types;
const INTEGERS: readonly number[] = [t.int, t.bigint, t.smallint, t.tinyint, t.varint, t.counter];
const FLOATING: readonly number[] = [t.float, t.double, t.decimal];
const QUOTED: readonly number[] = [t.ascii, t.text, t.varchar, t.timestamp, t.date, t.time, t.inet];

/** ImportConversion's converters, to a CQL literal: Python's messages for what it refuses. */
function literal(field: string, type: ColumnType, options: CopyOptions, timeFormat: string): string {
  if (INTEGERS.includes(type.code) || FLOATING.includes(type.code)) {
    let text = options.thousandsSep === '' ? field : field.split(options.thousandsSep).join('');
    if (FLOATING.includes(type.code) && options.decimalSep !== '.') text = text.split(options.decimalSep).join('.');
    const integer = INTEGERS.includes(type.code);
    const valid = integer ? /^\s*[+-]?\d+(_\d+)*\s*$/.test(text) : /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|nan|inf|infinity)\s*$/i.test(text);
    if (!valid) throw new ParseError(integer ? `invalid literal for int() with base 10: '${text}'` : `could not convert string to float: '${text}'`);
    return text.trim().replace(/_/g, '').replace(/^\+/, '');
  }
  if (type.code === t.boolean) return field.toLowerCase() === options.boolStyle[0].toLowerCase() ? 'true' : 'false';
  if (type.code === t.uuid || type.code === t.timeuuid) {
    if (!/^\{?(urn:uuid:)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(field)) throw new ParseError('badly formed hexadecimal UUID string');
    return field;
  }
  if (type.code === t.blob) {
    const bad = field.slice(2).search(/[^0-9a-fA-F\s]/);
    if (bad >= 0) throw new ParseError(`non-hexadecimal number found in fromhex() arg at position ${bad}`);
    return `0x${field.slice(2).replace(/\s/g, '')}`;
  }
  if (type.code === t.timestamp) {
    // convert_datetime: the time format first; otherwise the text goes as it is, for Cassandra's own formats.
    const ms = strptime(field, timeFormat);
    if (ms !== null) return `'${strftime('%Y-%m-%d %H:%M:%S.%f', ms, null)!.slice(0, 23)}+0000'`;
  }
  return QUOTED.includes(type.code) ? `'${field.replace(/'/g, "''")}'` : field;
}

/** Error counts and the .err file of failed rows (ImportErrorHandler). */
class ImportErrors {
  parseErrors = 0;
  insertErrors = 0;
  failedRows = 0;

  constructor(private readonly shell: CqlShell, private readonly options: CopyOptions, private readonly clock: Clock) {
    if (existsSync(options.errFile)) renameSync(options.errFile, `${options.errFile}${localStamp(clock.nowMs())}`);
  }

  /** max_exceeded: past MAXINSERTERRORS or MAXPARSEERRORS, said on standard error. */
  maxExceeded(): boolean {
    const { maxInsertErrors, maxParseErrors } = this.options;
    if (maxInsertErrors >= 0 && this.insertErrors > maxInsertErrors) {
      this.shell.out.error(`Exceeded maximum number of insert errors ${maxInsertErrors}`);
      return true;
    }
    if (maxParseErrors >= 0 && this.parseErrors > maxParseErrors) {
      this.shell.out.error(`Exceeded maximum number of parse errors ${maxParseErrors}`);
      return true;
    }
    return false;
  }

  parseFailed(record: readonly string[], name: string, message: string): void {
    this.parseErrors++;
    this.write(record);
    this.shell.out.error(`Failed to import 1 rows: ${name} - ${message},  given up without retries`);
  }

  insertFailed(record: readonly string[], message: string, attempt: number): void {
    this.insertErrors++;
    const final = attempt >= this.options.maxAttempts;
    if (final) this.write(record);
    this.shell.out.error(final
      ? `Failed to import 1 rows: ${message},  given up after ${attempt} attempts`
      : `Failed to import 1 rows: ${message},  will retry later, attempt ${attempt} of ${this.options.maxAttempts}`);
  }

  private write(record: readonly string[]): void {
    this.failedRows++;
    appendFileSync(this.options.errFile, `${record.map((f) => csvField(f, this.options)).join(this.options.delimiter)}\n`);
  }
}

/** '.%Y%m%d_%H%M%S' of the local time, the suffix an earlier .err file is renamed with. */
function localStamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `.${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}_${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
}

/** The rows FilesReader hands on: after the header, SKIPROWS skipped, at most MAXROWS read, empty lines dropped. */
function rowsToLoad(records: string[][], options: CopyOptions): string[][] {
  const rows = options.header ? records.slice(1) : records;
  const read = options.maxRows >= 0 ? rows.slice(0, options.maxRows) : rows;
  return read.slice(options.skipRows).filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * COPY FROM: each row converted as copyutil converts it (a row it refuses is a parse error, not retried),
 * then inserted at the shell's consistency level, retried up to MAXATTEMPTS; failed rows go to ERRFILE;
 * MAXPARSEERRORS and MAXINSERTERRORS stop the load once passed.
 */
export async function importRows(shell: CqlShell, target: CopyTarget, options: CopyOptions, clock: Clock, started: number): Promise<void> {
  let records: string[][];
  try {
    records = parseCsv(readFileSync(target.file, options.encoding), options);
  } catch (e) {
    shell.out.error(`Can't open '${target.file}' for reading: ${(e as Error).message}`);
    return;
  }
  const errors = new ImportErrors(shell, options, clock);
  const timeFormat = options.dateTimeFormat ?? shell.format.timestampFormat;
  const insert = `INSERT INTO ${target.table} (${target.names.map((n) => `"${n}"`).join(', ')}) VALUES `;
  const using = options.ttl > 0 ? ` USING TTL ${options.ttl}` : '';
  let imported = 0;
  for (const record of rowsToLoad(records, options)) {
    let values: string[];
    try {
      values = convertRow(record, target, options, timeFormat);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      errors.parseFailed(record, 'ParseError', e.message);
      if (errors.maxExceeded()) break;
      continue;
    }
    const outcome = await insertRow(shell, `${insert}(${values.join(', ')})${using}`, record, errors, options.maxAttempts);
    if (outcome === 'imported') imported++;
    if (outcome === 'stop') break;
  }
  const elapsed = clock.nowMs() - started;
  shell.out.print(progress(imported, elapsed));
  if (errors.failedRows > 0) shell.out.error(`Failed to process ${errors.failedRows} rows; failed rows written to ${options.errFile}`);
  // import_records asks max_exceeded() again once the loop is over, and says it again.
  errors.maxExceeded();
  shell.out.print('');
  shell.out.print(`${imported} rows imported from 1 files in ${describeInterval(elapsed)} (${options.skipRows} skipped).`);
}

/** convert_row: the row's length, its primary key present, each field converted. */
function convertRow(record: readonly string[], target: CopyTarget, options: CopyOptions, timeFormat: string): string[] {
  if (record.length !== target.names.length) throw new ParseError(`Invalid row length ${record.length} should be ${target.names.length}`);
  for (const key of target.primaryKey) {
    if (record[target.names.indexOf(key)] === options.nullValue) {
      const hint = options.nullValue === '' ? ' If you want to insert empty strings, consider using the WITH NULL=<marker> option for COPY.' : '';
      throw new ParseError(`Cannot insert null value for primary key column '${key}'.${hint}`);
    }
  }
  return record.map((field, i) => {
    if (field === options.nullValue) return 'NULL';
    try {
      return literal(field, target.types[i]!, options, timeFormat);
    } catch (e) {
      throw e instanceof ParseError ? new ParseError(`Failed to parse ${field} : ${e.message}`) : e;
    }
  });
}

/** Inserts a row, retried up to MAXATTEMPTS; 'stop' once the errors pass MAXINSERTERRORS. */
async function insertRow(
  shell: CqlShell, statement: string, record: readonly string[], errors: ImportErrors, maxAttempts: number,
): Promise<'imported' | 'failed' | 'stop'> {
  for (let attempt = 1; ; attempt++) {
    try {
      await shell.client.execute(statement, [], { prepare: false, consistency: consistencyCode(shell.consistency) });
      return 'imported';
    } catch (e) {
      errors.insertFailed(record, formatError(e).replace(/^(\w+): /, '$1 - '), attempt);
      if (errors.maxExceeded()) return 'stop';
      if (attempt >= maxAttempts) return 'failed';
    }
  }
}
